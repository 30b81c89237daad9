import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/**
 * A map SVG rasterised with resvg (no browser, offline). resvg draws text only with fonts it is
 * given: DejaVu Sans (Debian's fonts-dejavu-core, installed with Chromium) or Liberation Sans when
 * present, else whatever fonts the system has (slower to scan). With no font at all the PNG has
 * the map and the legend's colours but no text.
 */

const KNOWN_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
];

export interface MapPngOptions {
  /** Pixels per viewBox unit; 2 makes a sharp figure for a slide or print. */
  scale?: number;
}

export function renderMapPng(svg: string, options: MapPngOptions = {}): Buffer {
  const fontFiles = KNOWN_FONTS.filter((file) => existsSync(file));
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: {
      fontFiles,
      loadSystemFonts: fontFiles.length === 0,
      ...(fontFiles.length > 0 ? { defaultFontFamily: fontFiles.some((f) => f.includes('DejaVu')) ? 'DejaVu Sans' : 'Liberation Sans' } : {}),
    },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

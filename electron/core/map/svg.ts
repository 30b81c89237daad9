import { translator, type Lang } from '../../api/i18n';
import { featureDescription, featureFill, featureStroke, mapStyle, outlineOrder } from '../../api/map-style';
import type { MapModel } from '../../api/procedures/map';

/**
 * A map model as a standalone SVG document (for `ksbb map`, the PNG made from it and the reports):
 * the same drawing as the map screen — order and styling from `electron/api/map-style.ts` — with
 * the title above it. Each path carries a `<title>` (screen readers, and a tooltip in a browser).
 */

export interface MapSvgOptions {
  lang: Lang;
  /** Draw the title above the map (default true); a report that titles the figure itself leaves it out. */
  title?: boolean;
}

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

function legendSvg(model: MapModel): string {
  const { legend: style } = mapStyle;
  const rows = model.legend.map((entry) => ({ fill: entry.fill, label: entry.label }));
  if (model.features.some((f) => f.classIndex === null)) rows.push({ fill: model.noDataFill, label: model.noDataLabel });
  const text = (x: number, y: number, size: number, content: string, weight = 'normal') =>
    `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${style.color}">${escapeXml(content)}</text>`;
  const top = style.titleSize + style.gap;
  return [
    `<g class="legend" transform="translate(${model.legendAt.x} ${model.legendAt.y})">`,
    text(0, style.titleSize, style.titleSize, model.unit, 'bold'),
    ...rows.map((row, i) => {
      const y = top + i * style.rowHeight;
      return (
        `<rect x="0" y="${y}" width="${style.swatchWidth}" height="${style.swatchHeight}" fill="${row.fill}" stroke="#8a8a8a" stroke-width="0.5"/>` +
        text(style.swatchWidth + style.gap, y + style.swatchHeight - 2, style.labelSize, row.label)
      );
    }),
    '</g>',
  ].join('');
}

export function renderMapSvg(model: MapModel, options: MapSvgOptions): string {
  const translate = translator(options.lang);
  const t = (key: string, values?: Record<string, string | number>) => translate(key, values ?? {});
  const band = options.title === false ? 0 : mapStyle.title.height;
  const { width } = model.viewBox;
  const height = model.viewBox.height + band;
  const { inset } = model;
  const paths = model.features.map((feature) => {
    const fill = featureFill(model, feature);
    const stroke = featureStroke(model.level, feature, fill);
    const words = featureDescription(model, feature, t);
    return (
      `<path d="${feature.d}" fill="${fill}" stroke="${stroke.color}" stroke-width="${stroke.width}" data-code="${feature.code}">` +
      `<title>${escapeXml(`${words.place}: ${words.figures}`)}</title></path>`
    );
  });
  const outlines = outlineOrder.flatMap((level) => {
    const { color, width: strokeWidth } = mapStyle.outline[level];
    return model.outlines.filter((o) => o.level === level).map((o) => `<path d="${o.d}" stroke="${color}" stroke-width="${strokeWidth}" data-outline="${o.code}"/>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="map-title" font-family="${mapStyle.fontFamily}">`,
    `<title id="map-title">${escapeXml(model.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="${mapStyle.background}"/>`,
    band > 0
      ? `<text x="${mapStyle.inset.labelPad * 2}" y="${mapStyle.title.size + 6}" font-size="${mapStyle.title.size}" font-weight="bold" fill="${mapStyle.title.color}">${escapeXml(model.title)}</text>`
      : '',
    `<g transform="translate(0 ${band})">`,
    `<rect class="inset" x="${inset.x}" y="${inset.y}" width="${inset.width}" height="${inset.height}" fill="${mapStyle.inset.fill}" stroke="${mapStyle.inset.stroke}" stroke-width="${mapStyle.inset.strokeWidth}"/>`,
    `<g class="features" stroke-linejoin="round">${paths.join('')}</g>`,
    `<g class="outlines" fill="none" stroke-linejoin="round" stroke-linecap="round">${outlines.join('')}</g>`,
    `<text x="${inset.x + mapStyle.inset.labelPad}" y="${inset.y + mapStyle.inset.labelPad + mapStyle.inset.labelSize}" font-size="${mapStyle.inset.labelSize}" fill="${mapStyle.inset.labelColor}">${escapeXml(inset.label)}</text>`,
    legendSvg(model),
    '</g>',
    '</svg>',
  ].join('');
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The report's font as `@font-face` rules with the files inline (data URLs), so the HTML is
 * self-contained and the PDF embeds the same glyphs wherever it is printed. DejaVu Sans (free
 * licence, full Latin coverage) from `resources/fonts`, else from the system (Debian's
 * fonts-dejavu-core); without either, the document falls back to the system's sans-serif.
 */

const FACES = [
  { file: 'DejaVuSans.ttf', weight: 'normal' },
  { file: 'DejaVuSans-Bold.ttf', weight: 'bold' },
] as const;

const SYSTEM_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'];

export function reportFontFaces(resourcesDir: string): string {
  const dirs = [join(resourcesDir, 'fonts'), ...SYSTEM_DIRS];
  return FACES.map(({ file, weight }) => {
    const dir = dirs.find((d) => existsSync(join(d, file)));
    if (dir === undefined) return '';
    const data = readFileSync(join(dir, file)).toString('base64');
    return `@font-face { font-family: 'KSBB Sans'; font-weight: ${weight}; font-style: normal; src: url(data:font/ttf;base64,${data}) format('truetype'); }\n`;
  }).join('');
}

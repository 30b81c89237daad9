// Draws the app icons from resources/icons/icon.svg: PNGs (the 512 one for macOS, the set for Linux)
// and a Windows .ico holding PNG images up to 256 px. Run `node scripts/icons.js` after changing
// the SVG; electron-builder (electron.builder.yml) takes the files from resources/icons.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');
const svg = readFileSync(join(dir, 'icon.svg'));
const png = (size) => Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());

for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(dir, `${size}x${size}.png`), png(size));

// ICO: a 6-byte header, a 16-byte entry per image, then the images (PNG inside ICO since Vista).
const sizes = [16, 24, 32, 48, 64, 128, 256];
const images = sizes.map(png);
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach((image, i) => {
  const entry = 6 + 16 * i;
  const size = sizes[i];
  header.writeUInt8(size === 256 ? 0 : size, entry);
  header.writeUInt8(size === 256 ? 0 : size, entry + 1);
  header.writeUInt8(0, entry + 2);
  header.writeUInt8(0, entry + 3);
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(image.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += image.length;
});
writeFileSync(join(dir, 'icon.ico'), Buffer.concat([header, ...images]));
console.log(`Ikon ditulis ke ${dir}`);

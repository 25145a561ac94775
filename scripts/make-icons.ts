// `npm run icons`: draws the app icon from resources/build/icon.svg into every size the
// installers use, with Node alone (no ImageMagick, no Inkscape). The output is committed,
// so packaging needs no tool; tests/unit/desktop/icons.test.ts checks it matches the SVG.
import fs from 'node:fs';
import path from 'node:path';
import { buildIco, buildIcns, ICNS_TYPES, ICO_SIZES } from './icons/containers';
import { encodePng } from './icons/png';
import { rasterize } from './icons/rasterize';
import { parseIconSvg } from './icons/svg-shapes';

export const ICON_DIR = path.resolve(import.meta.dirname, '..', 'resources', 'build');
/** Linux desktop icon sizes (hicolor theme), written as icons/NxN.png. */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

export function renderIcons(svg: string): { pngs: Map<number, Buffer>; icns: Buffer; ico: Buffer } {
  const shapes = parseIconSvg(svg);
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])].sort((a, b) => a - b);
  const pngs = new Map(sizes.map((size) => [size, encodePng(rasterize(shapes, size), size)] as const));
  return { pngs, icns: buildIcns(pngs), ico: buildIco(pngs) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { pngs, icns, ico } = renderIcons(fs.readFileSync(path.join(ICON_DIR, 'icon.svg'), 'utf8'));
  fs.mkdirSync(path.join(ICON_DIR, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) fs.writeFileSync(path.join(ICON_DIR, 'icons', `${size}x${size}.png`), pngs.get(size)!);
  fs.writeFileSync(path.join(ICON_DIR, 'icon.png'), pngs.get(1024)!);
  fs.writeFileSync(path.join(ICON_DIR, 'icon.icns'), icns);
  fs.writeFileSync(path.join(ICON_DIR, 'icon.ico'), ico);
  console.log(`Wrote ${LINUX_SIZES.length} PNGs, icon.png, icon.icns and icon.ico to ${ICON_DIR}`);
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, ICO_SIZES, readIcns, readIco } from '../../../scripts/icons/containers';
import { decodePng } from '../../../scripts/icons/png';
import { rasterize } from '../../../scripts/icons/rasterize';
import { parseIconSvg } from '../../../scripts/icons/svg-shapes';
import { ICON_DIR, LINUX_SIZES } from '../../../scripts/make-icons';
import { loadBuilderConfig } from './builder-config';
import { REPO_ROOT } from '../../e2e/support/server';

const shapes = parseIconSvg(fs.readFileSync(path.join(ICON_DIR, 'icon.svg'), 'utf8'));

/** A committed PNG holds exactly what the script draws from today's SVG at that size. */
function expectDrawnFromSvg(png: Buffer, size: number, where: string): void {
  const { width, height, rgba } = decodePng(png);
  expect([width, height], where).toEqual([size, size]);
  expect(Buffer.from(rgba).equals(Buffer.from(rasterize(shapes, size))), `${where} is stale: run "npm run icons"`).toBe(true);
}

describe('installer icons', () => {
  const { config } = loadBuilderConfig();

  it('Linux: a PNG per hicolor size, named by its real size, in the folder the config names', () => {
    const dir = path.join(REPO_ROOT, config.linux.icon!);
    expect(fs.readdirSync(dir).sort()).toEqual(LINUX_SIZES.map((s) => `${s}x${s}.png`).sort());
    for (const size of LINUX_SIZES) expectDrawnFromSvg(fs.readFileSync(path.join(dir, `${size}x${size}.png`)), size, `${size}x${size}.png`);
  });

  it('macOS: an .icns with every size from 16 to 1024 (512@2x)', () => {
    const entries = readIcns(fs.readFileSync(path.join(REPO_ROOT, config.mac.icon!)));
    expect(entries.map((e) => e.type)).toEqual(ICNS_TYPES.map(([type]) => type));
    for (const [i, [type, size]] of ICNS_TYPES.entries()) expectDrawnFromSvg(entries[i]!.data, size, `icns ${type}`);
  });

  it('Windows: an .ico from 16 to 256, which NSIS and the taskbar need', () => {
    const entries = readIco(fs.readFileSync(path.join(REPO_ROOT, config.win.icon!)));
    expect(entries.map((e) => e.size)).toEqual(ICO_SIZES);
    expect(ICO_SIZES).toContain(256);
    for (const entry of entries) expectDrawnFromSvg(entry.data, entry.size, `ico ${entry.size}`);
  });

  it('draws the SVG faithfully: the background colour inside, transparent corners, the white trace', () => {
    const size = 64;
    const pixels = rasterize(shapes, size);
    const at = (x: number, y: number) => Array.from(pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));
    expect(at(0, 0)[3]).toBe(0); // outside the rounded corner
    expect(at(8, 56)).toEqual([0x2f, 0x5b, 0xd3, 255]);
    expect(at(10, 33)).toEqual([255, 255, 255, 255]); // on the 4-wide line along y = 34, from x = 6 to 16
    expect(() => parseIconSvg('<svg viewBox="0 0 8 8"><circle r="3"/></svg>')).toThrow(/not supported/);
  });
});

/**
 * BrainVision ASCII data (DataFormat=ASCII). Rare and text-sized, so it is
 * parsed whole on open. [ASCII Infos] gives header lines to skip, leading
 * columns to skip (e.g. a channel name in VECTORIZED files) and the decimal
 * symbol; values are separated by blanks, or by commas when the decimal
 * symbol is a point and no blanks are used.
 */
import { basename } from 'node:path';
import { PipelineError } from '../../errors';
import type { Vhdr } from './header';

export async function readAsciiData(vhdr: Vhdr, bytes: Uint8Array): Promise<Float32Array[]> {
  const name = basename(vhdr.dataPath);
  const lines = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .split(/\r\n|\n|\r/)
    .slice(vhdr.ascii.skipLines)
    .filter((l) => l.trim() !== '');
  const comma = vhdr.ascii.decimalSymbol === ',';
  const rows = lines.map((line, i) => {
    const fields = line.trim().split(comma || /\s/.test(line.trim()) ? /[\s;]+/ : /[,;]/).slice(vhdr.ascii.skipColumns);
    return fields.map((f) => {
      const v = Number(comma ? f.replace(',', '.') : f);
      if (!Number.isFinite(v)) {
        throw new PipelineError('INVALID_FILE', `${name}: line ${i + 1 + vhdr.ascii.skipLines} has a value that is not a number: "${f}"`);
      }
      return v;
    });
  });
  const nch = vhdr.channels.length;
  if (vhdr.orientation === 'VECTORIZED') {
    if (rows.length !== nch) throw new PipelineError('INVALID_FILE', `${name}: ${rows.length} data lines for ${nch} channels (VECTORIZED needs one line per channel)`);
    const n = Math.min(...rows.map((r) => r.length));
    return rows.map((r) => Float32Array.from(r.slice(0, n)));
  }
  const out = Array.from({ length: nch }, () => new Float32Array(rows.length));
  rows.forEach((r, s) => {
    if (r.length < nch) throw new PipelineError('INVALID_FILE', `${name}: data line ${s + 1} has ${r.length} values for ${nch} channels`);
    for (let c = 0; c < nch; c++) out[c]![s] = r[c]!;
  });
  return out;
}

/**
 * EDF+ full of annotations: `npx tsx bench/inspect-annotations.bench.ts`
 *
 * Writes a 100 MB EDF+ whose records hold one 1-sample signal and an
 * annotation signal of 2000 bytes packed with TALs such as
 * "+1234.56\x150.25\x14Stimulus/S 12\x14" (about 3 million annotations), then
 * runs `neuroops inspect FILE` (text: the first 20 annotations and a count)
 * and `neuroops inspect FILE --json` (all of them), each in a fresh process
 * whose output the bench reads and discards. Reference in the same run: a
 * fresh process reading the file's bytes (fs.readFile).
 * Targets: under 10 s and under 500 MB peak RSS.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mb, runInspectChild } from './support/child-stats';

const TARGET_BYTES = 100 * 1024 * 1024;
const ANNOTATION_BYTES = 2000;

function field(text: string, width: number): string {
  return text.padEnd(width, ' ').slice(0, width);
}

function header(records: number): Buffer {
  let h = field('0', 8) + field('X X X X', 80) + field('Startdate 01-JAN-2024 X X bench', 80) + '01.01.2410.00.00';
  h += field(String(256 * 3), 8) + field('EDF+C', 44) + field(String(records), 8) + field('1', 8) + field('2', 4);
  const two = (a: string, b: string, w: number) => field(a, w) + field(b, w);
  h += two('Cz', 'EDF Annotations', 16) + two('', '', 80) + two('uV', '', 8) + two('-100', '-1', 8) + two('100', '1', 8);
  h += two('-32768', '-32768', 8) + two('32767', '32767', 8) + two('', '', 80) + two('1', String(ANNOTATION_BYTES / 2), 8) + two('', '', 32);
  return Buffer.from(h, 'latin1');
}

/** One record: a sample of Cz, then the time-keeping TAL and as many annotations as fit. */
function record(r: number): { bytes: Buffer; count: number } {
  const b = Buffer.alloc(2 + ANNOTATION_BYTES);
  b.writeInt16LE((r * 37) % 30000, 0);
  let text = `+${r}\x14\x14\x00`;
  let count = 0;
  for (let k = 0; ; k++) {
    const tal = `+${r}.${String(k).padStart(3, '0')}\x15${k % 4 === 0 ? '0.25' : '0'}\x14Stimulus/S ${(r + k) % 64}\x14\x00`;
    if (text.length + tal.length > ANNOTATION_BYTES) break;
    text += tal;
    count++;
  }
  b.write(text, 2, 'latin1');
  return { bytes: b, count };
}

async function generate(path: string): Promise<number> {
  const records = Math.floor(TARGET_BYTES / (2 + ANNOTATION_BYTES));
  const out = createWriteStream(path);
  out.write(header(records));
  let annotations = 0;
  for (let r = 0; r < records; r++) {
    const { bytes, count } = record(r);
    annotations += count;
    if (!out.write(bytes)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return annotations;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'neuroops-bench-annotations-'));
  try {
    const file = join(dir, 'annotations.edf');
    const annotations = await generate(file);
    const size = (await stat(file)).size;
    console.log(`EDF+ of ${mb(size)} with ${annotations.toLocaleString('en')} annotations (node ${process.version})`);
    const bytes = await runInspectChild(['--read-bytes', file]);
    console.log(`reference, a fresh process reading the file's bytes: ${bytes.ms.toFixed(0)} ms, peak RSS ${mb(bytes.peakRssBytes)}`);
    for (const args of [[], ['--json']]) {
      const r = await runInspectChild(['inspect', file, ...args]);
      console.log(
        `inspect ${args.join(' ') || '(text)'}: ${r.ms.toFixed(0)} ms (${(r.ms / bytes.ms).toFixed(1)}× the byte read; wall ${r.wallMs.toFixed(0)} ms with start-up), ` +
        `output ${mb(r.stdoutBytes)}, peak RSS ${mb(r.peakRssBytes)} (process before the command: ${mb(r.startRssBytes)}) → ` +
        `< 10 s: ${r.ms < 10000 ? 'met' : 'NOT met'}; < 500 MB: ${r.peakRssBytes < 500 * 1024 ** 2 ? 'met' : 'NOT met'}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

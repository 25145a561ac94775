/** Large EDF/BDF files for the benches, written record by record so that they never sit in memory whole. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface BenchEdf {
  channels: number;
  rate: number;
  seconds: number;
  bdf: boolean;
}

function field(text: string, width: number): string {
  return text.padEnd(width, ' ').slice(0, width);
}

/** The header of a plain EDF/BDF file of 1-s records with `channels` signals in µV. */
export function edfHeader({ channels: ns, rate, seconds, bdf }: BenchEdf): Buffer {
  let h = field('0', 8) + field('X X X X', 80) + field('Startdate 01-JAN-2024 X X bench', 80) + '01.01.2410.00.00';
  h += field(String(256 * (ns + 1)), 8) + field(bdf ? '24BIT' : '', 44) + field(String(seconds), 8) + field('1', 8) + field(String(ns), 4);
  const per = (v: (i: number) => string, w: number) => Array.from({ length: ns }, (_, i) => field(v(i), w)).join('');
  h += per((i) => `EEG ${i + 1}`, 16) + per(() => 'AgAgCl electrode', 80) + per(() => 'uV', 8);
  h += per(() => (bdf ? '-262144' : '-3200'), 8) + per(() => (bdf ? '262143' : '3200'), 8);
  h += per(() => (bdf ? '-8388608' : '-32768'), 8) + per(() => (bdf ? '8388607' : '32767'), 8);
  h += per(() => 'HP:0.1Hz LP:100Hz', 80) + per(() => String(rate), 8) + per(() => '', 32);
  const buf = Buffer.from(h, 'latin1');
  if (bdf) {
    buf[0] = 0xff;
    buf.write('BIOSEMI', 1, 'latin1');
  }
  return buf;
}

/** Writes the file from a few random records repeated. */
export async function writeBenchEdf(path: string, spec: BenchEdf): Promise<void> {
  const recordBytes = spec.channels * spec.rate * (spec.bdf ? 3 : 2);
  const variants = Array.from({ length: 7 }, () => {
    const b = Buffer.alloc(recordBytes);
    for (let i = 0; i < recordBytes; i++) b[i] = (Math.random() * 256) | 0;
    return b;
  });
  const out = createWriteStream(path);
  out.write(edfHeader(spec));
  for (let r = 0; r < spec.seconds; r++) {
    if (!out.write(variants[r % variants.length])) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

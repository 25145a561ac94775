/**
 * Writes EDF/EDF+/BDF/BDF+ files byte by byte from the specification. The demo
 * dataset is written with it, and the tests build layouts the vendored sample
 * recordings do not have: several annotation signals, mixed rates, EDF+D gaps,
 * sub-second starts, and deliberately broken headers.
 */

export interface SignalSpec {
  label: string;
  unit?: string;
  physicalMin: number;
  physicalMax: number;
  digitalMin: number;
  digitalMax: number;
  samplesPerRecord: number;
  /** Digital values for all records, samplesPerRecord × records long. */
  digital: ArrayLike<number>;
}

export interface TalSpec {
  onset: number;
  duration?: number;
  texts: string[];
}

export interface EdfSpec {
  bdf?: boolean;
  /** '' for plain EDF/BDF. */
  plus?: '' | 'C' | 'D';
  records: number;
  recordDuration: number;
  signals: SignalSpec[];
  /**
   * Per annotation signal, per record, the TALs after the time-keeping one.
   * Time-keeping TALs are written to the first annotation signal from `recordOnsets`.
   */
  annotations?: TalSpec[][][];
  annotationBytes?: number;
  /** Onset of each record relative to the header start second (EDF+ time-keeping). */
  recordOnsets?: number[];
  startDate?: string;
  startTime?: string;
  recordingId?: string;
  /** Replace raw header fields after they are laid out: byte offset → text. */
  patch?: Array<[number, string]>;
  /** Cut the file to this many bytes. */
  truncateTo?: number;
}

function field(text: string, width: number): string {
  return text.slice(0, width).padEnd(width, ' ');
}

function num(n: number): string {
  const s = String(n);
  return s.length <= 8 ? s : n.toPrecision(6);
}

function tal(onset: number, duration: number | undefined, texts: string[]): Uint8Array {
  const sign = onset >= 0 ? '+' : '-';
  const dur = duration !== undefined ? `\x15${duration}` : '';
  const body = texts.length ? texts.map((t) => `${t}\x14`).join('') : '\x14';
  return new TextEncoder().encode(`${sign}${Math.abs(onset)}${dur}\x14${body}\x00`);
}

export function writeEdf(spec: EdfSpec): Buffer {
  const bdf = spec.bdf ?? false;
  const bps = bdf ? 3 : 2;
  const plus = spec.plus ?? 'C';
  const nAnnot = plus === '' ? (spec.annotations?.length ?? 0) : Math.max(1, spec.annotations?.length ?? 1);
  const annotBytes = spec.annotationBytes ?? 120;
  const annotSpr = Math.ceil(annotBytes / bps);
  const annotLabel = bdf ? 'BDF Annotations' : 'EDF Annotations';
  const all = [
    ...spec.signals.map((s) => ({ ...s, annotation: false })),
    ...Array.from({ length: nAnnot }, () => ({
      label: annotLabel, unit: '', physicalMin: -1, physicalMax: 1, digitalMin: bdf ? -8388608 : -32768,
      digitalMax: bdf ? 8388607 : 32767, samplesPerRecord: annotSpr, digital: [] as number[], annotation: true,
    })),
  ];
  const ns = all.length;
  let h = '';
  h += field('0', 8);
  h += field('X X X X', 80);
  h += field(spec.recordingId ?? 'Startdate 02-MAR-2021 X X test', 80);
  h += field(spec.startDate ?? '02.03.21', 8);
  h += field(spec.startTime ?? '10.20.30', 8);
  h += field(String(256 * (ns + 1)), 8);
  h += field(plus ? `${bdf ? 'BDF' : 'EDF'}+${plus}` : bdf ? '24BIT' : '', 44);
  h += field(String(spec.records), 8);
  h += field(num(spec.recordDuration), 8);
  h += field(String(ns), 4);
  const cols: Array<[(s: (typeof all)[number]) => string, number]> = [
    [(s) => s.label, 16], [() => '', 80], [(s) => s.unit ?? 'uV', 8], [(s) => num(s.physicalMin), 8],
    [(s) => num(s.physicalMax), 8], [(s) => String(s.digitalMin), 8], [(s) => String(s.digitalMax), 8],
    [() => '', 80], [(s) => String(s.samplesPerRecord), 8], [() => '', 32],
  ];
  for (const [get, w] of cols) for (const s of all) h += field(get(s), w);
  const header = Buffer.from(h, 'latin1');
  if (bdf) {
    header[0] = 0xff;
    header.write('BIOSEMI', 1, 'latin1');
  }
  for (const [offset, text] of spec.patch ?? []) header.write(text, offset, 'latin1');

  const recordBytes = all.reduce((a, s) => a + s.samplesPerRecord * bps, 0);
  const data = Buffer.alloc(recordBytes * spec.records);
  for (let r = 0; r < spec.records; r++) {
    let pos = r * recordBytes;
    all.forEach((s, si) => {
      if (s.annotation) {
        const k = si - spec.signals.length;
        const parts: Uint8Array[] = [];
        if (k === 0 && plus) parts.push(tal(spec.recordOnsets?.[r] ?? r * spec.recordDuration, undefined, []));
        for (const t of spec.annotations?.[k]?.[r] ?? []) parts.push(tal(t.onset, t.duration, t.texts));
        const bytes = Buffer.concat(parts);
        if (bytes.length > s.samplesPerRecord * bps) throw new Error('annotations do not fit; raise annotationBytes');
        bytes.copy(data, pos);
      } else {
        for (let j = 0; j < s.samplesPerRecord; j++) {
          const v = s.digital[r * s.samplesPerRecord + j]!;
          const p = pos + j * bps;
          if (bdf) data.writeIntLE(v, p, 3);
          else data.writeInt16LE(v, p);
        }
      }
      pos += s.samplesPerRecord * bps;
    });
  }
  const file = Buffer.concat([header, data]);
  return spec.truncateTo !== undefined ? file.subarray(0, spec.truncateTo) : file;
}

/** Byte offsets of fixed-header fields, for `patch`. */
export const EDF_FIELD = { startDate: 168, startTime: 176, headerBytes: 184, records: 236, recordDuration: 244, signalCount: 252 } as const;

/** Offset of a per-signal field for signal i of ns. */
export function signalFieldOffset(name: 'physicalMin' | 'digitalMax' | 'samplesPerRecord', i: number, ns: number): number {
  const before = { physicalMin: 16 + 80 + 8, digitalMax: 16 + 80 + 8 + 8 + 8 + 8, samplesPerRecord: 16 + 80 + 8 * 5 + 80 }[name];
  return 256 + before * ns + 8 * i;
}

/** Deterministic digital samples spanning the range, with negative values. */
export function ramp(n: number, min: number, max: number, seed = 1): Int32Array {
  const out = new Int32Array(n);
  let x = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = min + (x % (max - min + 1));
  }
  out[0] = min;
  if (n > 1) out[n - 1] = max;
  return out;
}

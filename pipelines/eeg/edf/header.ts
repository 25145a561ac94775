/**
 * EDF / EDF+ / BDF / BDF+ header, parsed to the EDF and EDF+ specifications
 * (edfplus.info) and BioSemi's 24-bit variant.
 *
 * Fixed part (256 bytes, ASCII): version 8, patient 80, recording 80,
 * startdate 8 (dd.mm.yy), starttime 8 (hh.mm.ss), header bytes 8, reserved 44
 * ("EDF+C"/"EDF+D", "BDF+C"/"BDF+D", "24BIT"), record count 8, record
 * duration 8, signal count 4. Then each field for all signals in turn:
 * label 16, transducer 80, physical dimension 8, physical min 8, physical
 * max 8, digital min 8, digital max 8, prefiltering 80, samples/record 8,
 * reserved 32.
 */
import { basename } from 'node:path';
import { PipelineError } from '../../errors';

export interface EdfSignal {
  label: string;
  transducer: string;
  physicalDimension: string;
  physicalMin: number;
  physicalMax: number;
  digitalMin: number;
  digitalMax: number;
  prefiltering: string;
  samplesPerRecord: number;
  isAnnotation: boolean;
  /** Byte offset of this signal inside one data record. */
  byteOffsetInRecord: number;
}

export interface EdfHeader {
  isBdf: boolean;
  /** 'EDF+C', 'EDF+D', 'BDF+C', 'BDF+D', or '' for plain EDF/BDF. */
  plusType: '' | 'C' | 'D';
  patientId: string;
  recordingId: string;
  /** Null when the fields are well-formed but not a real date/time (anonymised files write 00.00.00). */
  startDate: { year: number; month: number; day: number } | null;
  startClock: { hour: number; minute: number; second: number } | null;
  headerBytes: number;
  recordCount: number;
  /** True when the header said -1 (unknown) and the count came from the file size. */
  recordCountInferred: boolean;
  recordDuration: number;
  signals: EdfSignal[];
  bytesPerSample: 2 | 3;
  recordBytes: number;
}

const SIGNAL_FIELDS: ReadonlyArray<[keyof EdfSignalText, number]> = [
  ['label', 16], ['transducer', 80], ['physicalDimension', 8], ['physicalMin', 8], ['physicalMax', 8],
  ['digitalMin', 8], ['digitalMax', 8], ['prefiltering', 80], ['samplesPerRecord', 8], ['reserved', 32],
];
type EdfSignalText = Record<
  'label' | 'transducer' | 'physicalDimension' | 'physicalMin' | 'physicalMax' | 'digitalMin' | 'digitalMax' | 'prefiltering' | 'samplesPerRecord' | 'reserved',
  string
>;

/** Header fields are printable US-ASCII; Latin-1 decoding never throws on stray bytes. */
function ascii(bytes: Uint8Array, start: number, len: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, len).toString('latin1').trim();
}

class FieldReader {
  constructor(private readonly file: string) {}

  number(text: string, field: string): number {
    // EDF numbers are plain decimals; Number('') is 0 and Number('1e3') parses,
    // so check the shape first to catch blank or garbled fields.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
      throw new PipelineError('INVALID_FILE', `${this.file}: header field "${field}" is not a number: "${text}"`);
    }
    return Number(text);
  }

  integer(text: string, field: string): number {
    const n = this.number(text, field);
    if (!Number.isInteger(n)) {
      throw new PipelineError('INVALID_FILE', `${this.file}: header field "${field}" must be a whole number, found "${text}"`);
    }
    return n;
  }
}

/** Size of the fixed part; read this first to learn how many signals follow. */
export const EDF_FIXED_HEADER_BYTES = 256;

export function signalCountFromFixedHeader(path: string, fixed: Uint8Array): number {
  const f = new FieldReader(basename(path));
  const ns = f.integer(ascii(fixed, 252, 4), 'number of signals');
  if (ns < 1) throw new PipelineError('INVALID_FILE', `${basename(path)}: header says ${ns} signals; at least 1 is required`);
  return ns;
}

export function parseEdfHeader(path: string, bytes: Uint8Array, fileSize: number): EdfHeader {
  const name = basename(path);
  const f = new FieldReader(name);
  const isBdf = bytes[0] === 0xff && ascii(bytes, 1, 7) === 'BIOSEMI';
  if (!isBdf && ascii(bytes, 0, 8) !== '0') {
    throw new PipelineError('INVALID_FILE', `${name}: not an EDF or BDF file (version field is "${ascii(bytes, 0, 8)}", expected "0" or 0xFF+"BIOSEMI")`);
  }
  const reserved = ascii(bytes, 192, 44);
  const plusMatch = /^(EDF|BDF)\+([CD])/.exec(reserved);
  const plusType = (plusMatch?.[2] ?? '') as '' | 'C' | 'D';

  const startDate = parseDate(f, name, ascii(bytes, 168, 8), ascii(bytes, 88, 80));
  const startClock = parseClock(f, name, ascii(bytes, 176, 8));
  const headerBytes = f.integer(ascii(bytes, 184, 8), 'number of bytes in header');
  let recordCount = f.integer(ascii(bytes, 236, 8), 'number of data records');
  const recordDuration = f.number(ascii(bytes, 244, 8), 'duration of a data record');
  const ns = f.integer(ascii(bytes, 252, 4), 'number of signals');

  if (headerBytes !== 256 * (ns + 1)) {
    throw new PipelineError('INVALID_FILE', `${name}: header size is ${headerBytes} bytes but ${ns} signals need ${256 * (ns + 1)}`);
  }
  if (bytes.length < headerBytes) {
    throw new PipelineError('INVALID_FILE', `${name}: file ends inside its header (${bytes.length} of ${headerBytes} bytes)`);
  }

  const text: EdfSignalText[] = Array.from({ length: ns }, () => ({}) as EdfSignalText);
  let pos = 256;
  for (const [key, width] of SIGNAL_FIELDS) {
    for (let i = 0; i < ns; i++) {
      text[i]![key] = ascii(bytes, pos, width);
      pos += width;
    }
  }

  const bytesPerSample: 2 | 3 = isBdf ? 3 : 2;
  let byteOffset = 0;
  const signals = text.map((t, i): EdfSignal => {
    const label = t.label;
    const what = (field: string) => `${field} of signal ${i + 1} (${label || 'unnamed'})`;
    const isAnnotation = label === (isBdf ? 'BDF Annotations' : 'EDF Annotations') || label === 'EDF Annotations';
    const s: EdfSignal = {
      label,
      transducer: t.transducer,
      physicalDimension: t.physicalDimension,
      physicalMin: f.number(t.physicalMin, what('physical minimum')),
      physicalMax: f.number(t.physicalMax, what('physical maximum')),
      digitalMin: f.integer(t.digitalMin, what('digital minimum')),
      digitalMax: f.integer(t.digitalMax, what('digital maximum')),
      prefiltering: t.prefiltering,
      samplesPerRecord: f.integer(t.samplesPerRecord, what('number of samples per record')),
      isAnnotation,
      byteOffsetInRecord: byteOffset,
    };
    if (s.samplesPerRecord < 1) {
      throw new PipelineError('INVALID_FILE', `${name}: ${what('number of samples per record')} is ${s.samplesPerRecord}; it must be at least 1`);
    }
    if (s.digitalMax <= s.digitalMin && !isAnnotation) {
      throw new PipelineError('INVALID_FILE', `${name}: ${what('digital maximum')} (${s.digitalMax}) must exceed the digital minimum (${s.digitalMin})`);
    }
    byteOffset += s.samplesPerRecord * bytesPerSample;
    return s;
  });
  const recordBytes = byteOffset;

  if (!(recordDuration > 0) && signals.some((s) => !s.isAnnotation)) {
    throw new PipelineError('INVALID_FILE', `${name}: data record duration is ${recordDuration} s; it must be positive for a file with signals`);
  }

  // -1 means "unknown" in the spec (a recording still being written); the
  // count then follows from the file size, which must hold whole records.
  const available = Math.floor((fileSize - headerBytes) / recordBytes);
  let recordCountInferred = false;
  if (recordCount === -1) {
    if ((fileSize - headerBytes) % recordBytes !== 0 || available < 1) {
      throw new PipelineError('INVALID_FILE', `${name}: number of data records is -1 (unknown) and the file size does not hold a whole number of records`);
    }
    recordCount = available;
    recordCountInferred = true;
  }
  if (recordCount < 1) {
    throw new PipelineError('INVALID_FILE', `${name}: header says ${recordCount} data records; a recording needs at least 1`);
  }
  if (available < recordCount) {
    throw new PipelineError(
      'INVALID_FILE',
      `${name}: header says ${recordCount} data records but the file holds only ${available} complete records (${fileSize} bytes, ${recordBytes} per record) — the file is truncated`,
    );
  }

  return {
    isBdf, plusType, patientId: ascii(bytes, 8, 80), recordingId: ascii(bytes, 88, 80),
    startDate, startClock, headerBytes, recordCount, recordCountInferred, recordDuration, signals, bytesPerSample, recordBytes,
  };
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function parseDate(f: FieldReader, name: string, text: string, recordingId: string) {
  // The spec's separator is '.'; some old writers used ':' or '/'.
  const m = /^(\d\d)[.:/](\d\d)[.:/](\d\d)$/.exec(text);
  if (!m) throw new PipelineError('INVALID_FILE', `${name}: header field "startdate" must be dd.mm.yy, found "${text}"`);
  const day = f.integer(m[1]!, 'startdate day');
  const month = f.integer(m[2]!, 'startdate month');
  const yy = f.integer(m[3]!, 'startdate year');
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // EDF's two-digit year: 85–99 → 1985–1999, 00–84 → 2000–2084. EDF+ writes the
  // full date in the recording field ("Startdate 10-DEC-2009 ..."), which wins
  // when it agrees on day and month, since the spec says to use it past 2084.
  let year = yy >= 85 ? 1900 + yy : 2000 + yy;
  const plus = /^Startdate (\d\d)-([A-Z]{3})-(\d{4})/.exec(recordingId);
  if (plus && MONTHS.indexOf(plus[2]!) + 1 === month && Number(plus[1]) === day) year = Number(plus[3]);
  return { year, month, day };
}

function parseClock(f: FieldReader, name: string, text: string) {
  const m = /^(\d\d)[.:](\d\d)[.:](\d\d)$/.exec(text);
  if (!m) throw new PipelineError('INVALID_FILE', `${name}: header field "starttime" must be hh.mm.ss, found "${text}"`);
  const [hour, minute, second] = [m[1]!, m[2]!, m[3]!].map((v) => f.integer(v, 'starttime')) as [number, number, number];
  return hour > 23 || minute > 59 || second > 60 ? null : { hour, minute, second };
}

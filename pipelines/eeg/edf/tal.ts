/**
 * EDF+ Time-stamped Annotation Lists (EDF+ spec §2.2).
 *
 * An annotation signal's bytes in one data record hold TALs, each
 *   +Onset[\x15Duration]\x14[Text\x14]*\x00
 * padded with \x00. Onset is seconds relative to the file's start time; the
 * first TAL of each record (in the first annotation signal that has one)
 * gives that record's start ("time-keeping TAL"). Texts are UTF-8.
 *
 * Files can hold millions of annotations, so TALs are scanned byte by byte
 * into columns (annotation-table.ts): no string per TAL or per record, onsets
 * parsed from the bytes, and repeated texts ("Stimulus 1") kept once, so
 * memory grows with the annotations kept, not with intermediate copies.
 */
import { PipelineError } from '../../errors';
import { AnnotationTable } from '../annotation-table';

const TEXT_END = 0x14;
const DURATION_MARK = 0x15;
const utf8 = new TextDecoder('utf-8');
/** Powers of ten that are exact doubles, for parsing onsets as (digits ÷ 10^k) with one rounding. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

export class TalScanner {
  /** Each record's time-keeping onset, seconds after the header's start second (NaN until seen). */
  readonly recordOnsets: Float64Array;
  /** Annotations, onsets relative to the first record's start; in onset order after `finish()`. */
  readonly annotations = new AnnotationTable();
  private first = 0;
  private record = -1;
  private sawTal = false;

  constructor(recordCount: number, private readonly fileName: string) {
    this.recordOnsets = new Float64Array(recordCount).fill(NaN);
  }

  /** Starts data record `r` (0-based); records must come in order. */
  beginRecord(r: number): void {
    this.endRecord();
    this.record = r;
    this.sawTal = false;
  }

  /** Scans one annotation signal's bytes of the current record. */
  scan(bytes: Uint8Array): void {
    let start = 0;
    const n = bytes.length;
    for (let i = 0; i <= n; i++) {
      if (i < n && bytes[i] !== 0) continue;
      if (i > start) this.tal(bytes, start, i);
      start = i + 1;
    }
  }

  /** Call after the last record. */
  finish(): void {
    this.endRecord();
    this.record = -1;
    this.annotations.seal();
  }

  private endRecord(): void {
    if (this.record >= 0 && !this.sawTal) {
      throw new PipelineError('INVALID_FILE', `${this.fileName}: data record ${this.record + 1} has no time-keeping annotation (required in EDF+)`);
    }
  }

  private tal(b: Uint8Array, s: number, e: number): void {
    let timingEnd = s;
    while (timingEnd < e && b[timingEnd] !== TEXT_END) timingEnd++;
    let durationAt = s;
    while (durationAt < timingEnd && b[durationAt] !== DURATION_MARK) durationAt++;
    const onset = parseDecimal(b, s, durationAt, true);
    // "+onset\x15\x14" (an empty duration) means no duration, as does no \x15 at all.
    const duration = durationAt + 1 < timingEnd ? parseDecimal(b, durationAt + 1, timingEnd, false) : 0;
    if (Number.isNaN(onset) || Number.isNaN(duration)) {
      const timing = utf8.decode(b.subarray(s, timingEnd)).replace(/[\x00-\x1f]/g, '·');
      throw new PipelineError('INVALID_FILE', `${this.fileName}: malformed EDF+ annotation "${timing}" (expected +onset[\\x15duration])`);
    }
    const timekeeping = !this.sawTal;
    if (timekeeping) {
      this.sawTal = true;
      this.recordOnsets[this.record] = onset;
      if (this.record === 0) this.first = onset;
    }
    const rel = onset - this.first;
    // Texts: the non-empty parts between \x14 marks (a last part without its closing mark counts too).
    let t = timingEnd + 1;
    while (t < e) {
      let end = t;
      while (end < e && b[end] !== TEXT_END) end++;
      if (end > t) this.annotations.add(rel, duration, utf8.decode(b.subarray(t, end)));
      t = end + 1;
    }
  }
}

/**
 * `[+-]digits[.digits]` (sign required for onsets, absent for durations) as a
 * number, or NaN when malformed. Up to 15 digits the value is digits ÷ 10^k,
 * one correctly rounded division, so it equals Number(text); longer ones go
 * through Number.
 */
function parseDecimal(b: Uint8Array, s: number, e: number, signed: boolean): number {
  let i = s;
  let negative = false;
  if (signed) {
    if (b[i] === 0x2b) i++;
    else if (b[i] === 0x2d) {
      negative = true;
      i++;
    } else return NaN;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  const firstDigit = i;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 0x2e && fraction < 0 && i > firstDigit) {
      fraction = 0;
    } else {
      return NaN;
    }
  }
  if (digits === 0) return NaN;
  const k = Math.max(0, fraction);
  const value = digits <= 15 && k < POW10.length ? mantissa / POW10[k]! : Number(utf8.decode(b.subarray(firstDigit, e)));
  return negative ? -value : value;
}

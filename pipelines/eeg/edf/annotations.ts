/**
 * Reading the EDF+/BDF+ annotation signals of every data record, without
 * decoding the samples around them.
 */
import { basename } from 'node:path';
import type { RandomAccessFile } from '../file-io';
import type { EdfHeader } from './header';
import { TalScanner } from './tal';

/** Records up to this size are scanned for annotations by chunks rather than per record. */
const SMALL_RECORD_BYTES = 64 * 1024;
const TAL_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Scans every annotation signal of every record, in record order. Small
 * records are read in multi-record chunks (pulling a few extra data bytes
 * costs less than one read call per record); large ones by one small read of
 * just the annotation bytes per record, so opening a long, wide file stays
 * cheap. Null when the file has no annotation signal (plain EDF/BDF).
 */
export async function scanAnnotations(file: RandomAccessFile, edf: EdfHeader): Promise<TalScanner | null> {
  const annot = edf.signals.filter((s) => s.isAnnotation);
  if (annot.length === 0) return null;
  const from = Math.min(...annot.map((s) => s.byteOffsetInRecord));
  const to = Math.max(...annot.map((s) => s.byteOffsetInRecord + s.samplesPerRecord * edf.bytesPerSample));
  const scanner = new TalScanner(edf.recordCount, basename(file.path));
  const scanRecord = (r: number, bytes: Uint8Array, at: number) => {
    scanner.beginRecord(r);
    for (const s of annot) {
      const a = at + s.byteOffsetInRecord - from;
      // BDF+ packs TAL text into the 3 bytes of each sample in order, EDF+ into 2: either way plain bytes.
      scanner.scan(bytes.subarray(a, a + s.samplesPerRecord * edf.bytesPerSample));
    }
  };
  if (edf.recordBytes <= SMALL_RECORD_BYTES) {
    const perChunk = Math.max(1, Math.floor(TAL_CHUNK_BYTES / edf.recordBytes));
    let buf: Uint8Array | undefined;
    for (let r0 = 0; r0 < edf.recordCount; r0 += perChunk) {
      const n = Math.min(perChunk, edf.recordCount - r0);
      buf = await file.read(edf.headerBytes + r0 * edf.recordBytes, n * edf.recordBytes, buf);
      for (let k = 0; k < n; k++) scanRecord(r0 + k, buf, k * edf.recordBytes + from);
    }
  } else {
    const BATCH = 64;
    for (let r0 = 0; r0 < edf.recordCount; r0 += BATCH) {
      const reads = [];
      for (let r = r0; r < Math.min(edf.recordCount, r0 + BATCH); r++) reads.push(file.read(edf.headerBytes + r * edf.recordBytes + from, to - from));
      // Read in parallel, scanned in record order (onsets are relative to the first record's).
      (await Promise.all(reads)).forEach((bytes, k) => scanRecord(r0 + k, bytes, 0));
    }
  }
  scanner.finish();
  return scanner;
}

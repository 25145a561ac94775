/**
 * Reading the EDF+/BDF+ annotation signals of every data record, without
 * decoding the samples around them.
 */
import { basename } from 'node:path';
import type { RandomAccessFile } from '../file-io';
import type { EdfHeader } from './header';
import { parseTals } from './tal';
import type { Tal } from './tal';

/** Records up to this size are scanned for annotations by chunks rather than per record. */
const SMALL_RECORD_BYTES = 64 * 1024;
const TAL_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Reads every annotation signal of every record. Small records are read in
 * multi-record chunks (pulling a few extra data bytes costs less than one
 * read call per record); large ones by one small read of just the
 * annotation bytes per record, so opening a long, wide file stays cheap.
 */
export async function readAllTals(file: RandomAccessFile, edf: EdfHeader): Promise<Tal[][]> {
  const annot = edf.signals.filter((s) => s.isAnnotation);
  if (annot.length === 0) return [];
  const from = Math.min(...annot.map((s) => s.byteOffsetInRecord));
  const to = Math.max(...annot.map((s) => s.byteOffsetInRecord + s.samplesPerRecord * edf.bytesPerSample));
  const name = basename(file.path);
  const perRecord: Tal[][] = new Array(edf.recordCount);
  const parseRecord = (r: number, bytes: Uint8Array, at: number) => {
    const tals: Tal[] = [];
    for (const s of annot) {
      const a = at + s.byteOffsetInRecord - from;
      // BDF+ packs TAL text into the 3 bytes of each sample in order, EDF+ into 2: either way plain bytes.
      tals.push(...parseTals(bytes.subarray(a, a + s.samplesPerRecord * edf.bytesPerSample), name));
    }
    perRecord[r] = tals;
  };
  if (edf.recordBytes <= SMALL_RECORD_BYTES) {
    const perChunk = Math.max(1, Math.floor(TAL_CHUNK_BYTES / edf.recordBytes));
    let buf: Uint8Array | undefined;
    for (let r0 = 0; r0 < edf.recordCount; r0 += perChunk) {
      const n = Math.min(perChunk, edf.recordCount - r0);
      buf = await file.read(edf.headerBytes + r0 * edf.recordBytes, n * edf.recordBytes, buf);
      for (let k = 0; k < n; k++) parseRecord(r0 + k, buf, k * edf.recordBytes + from);
    }
    return perRecord;
  }
  const BATCH = 64;
  for (let r0 = 0; r0 < edf.recordCount; r0 += BATCH) {
    const batch = [];
    for (let r = r0; r < Math.min(edf.recordCount, r0 + BATCH); r++) {
      batch.push(file.read(edf.headerBytes + r * edf.recordBytes + from, to - from).then((bytes) => parseRecord(r, bytes, 0)));
    }
    await Promise.all(batch);
  }
  return perRecord;
}

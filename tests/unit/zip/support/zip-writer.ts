/**
 * A minimal zip writer (PKWARE APPNOTE: local headers, data, central
 * directory, end record, and the zip64 forms of each) so tests can build
 * archives no well-behaved tool would: "../" names, symlink entries, sizes
 * that lie, bombs, end records that lie, archives placed gigabytes into a file.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  data?: Buffer;
  method?: 0 | 8;
  /** External attributes (Unix mode in the top 16 bits). */
  attr?: number;
  /** Override the uncompressed size written in the headers. */
  declaredSize?: number;
  flags?: number;
}

export interface ZipLayout {
  /** Where in the file the archive starts; offsets in its headers are absolute. */
  base?: number;
  /** Write zip64 records: sizes and offsets in the zip64 extra field, a zip64 end record. */
  zip64?: boolean;
  /** Override the entry count written in the end record. */
  declaredEntryCount?: number;
}

const MAX32 = 0xffffffff;

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

/** The zip64 extended information extra field (id 1) with the given 8-byte values. */
function zip64Extra(values: number[]): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(1, 0);
  head.writeUInt16LE(values.length * 8, 2);
  return Buffer.concat([head, ...values.map(u64)]);
}

function endRecords(count: number, cdSize: number, cdOffset: number, zip64: boolean): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  if (!zip64) {
    end.writeUInt16LE(count, 8);
    end.writeUInt16LE(count, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdOffset, 16);
    return end;
  }
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(MAX32, 12);
  end.writeUInt32LE(MAX32, 16);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  u64(44).copy(record, 4); // size of the rest of this record
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  u64(count).copy(record, 24);
  u64(count).copy(record, 32);
  u64(cdSize).copy(record, 40);
  u64(cdOffset).copy(record, 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  u64(cdOffset + cdSize).copy(locator, 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

/** The archive's bytes; with `base`, they are meant to be written at that position of a file. */
export function buildZip(entries: RawEntry[], layout: ZipLayout = {}): Buffer {
  const base = layout.base ?? 0;
  const zip64 = layout.zip64 ?? false;
  const version = zip64 ? 45 : 20;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = base;
  for (const e of entries) {
    const data = e.data ?? Buffer.alloc(0);
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? data.length;
    const crc = crc32(data) >>> 0;
    const flags = (e.flags ?? 0) | 0x800; // bit 11: UTF-8 names
    const localExtra = zip64 ? zip64Extra([size, body.length]) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(zip64 ? MAX32 : body.length, 18);
    local.writeUInt32LE(zip64 ? MAX32 : size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    locals.push(local, name, localExtra, body);
    const centralExtra = zip64 ? zip64Extra([size, body.length, offset]) : Buffer.alloc(0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0300 | version, 4); // made by Unix, so attr's top half is a mode
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? MAX32 : body.length, 20);
    central.writeUInt32LE(zip64 ? MAX32 : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE((e.attr ?? (e.name.endsWith('/') ? 0o040755 << 16 : 0o100644 << 16)) >>> 0, 38);
    central.writeUInt32LE(zip64 ? MAX32 : offset, 42);
    centrals.push(central, name, centralExtra);
    offset += 30 + name.length + localExtra.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  return Buffer.concat([...locals, cd, endRecords(layout.declaredEntryCount ?? entries.length, cd.length, offset, zip64)]);
}

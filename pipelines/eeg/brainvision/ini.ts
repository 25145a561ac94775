/**
 * The INI-like text of BrainVision .vhdr/.vmrk files.
 *
 * Spec (BrainVision Core Data Format 1.0): the first line names the file kind
 * and version; sections in brackets; `key=value` lines; ';' starts a comment.
 * Files come from Windows tools, so lines may end in CRLF, and the text is
 * UTF-8 when `Codepage=UTF-8` and otherwise the ANSI code page (we decode
 * Latin-1/Windows-1252, as older Recorder files are). Section and key names
 * are matched case-insensitively ("Common Infos" vs "Common infos").
 */

export interface IniFile {
  firstLine: string;
  /** Lower-cased section name → entries in file order, keys as written. */
  sections: Map<string, Array<[string, string]>>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

/** UTF-8 when declared or when the bytes are valid UTF-8; otherwise Windows-1252 (a superset of printable Latin-1). */
export function decodeText(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const cp = /^\s*codepage\s*=\s*(\S+)/im.exec(head)?.[1]?.toUpperCase();
  let text: string;
  if (cp && cp !== 'UTF-8' && cp !== 'UTF8') {
    text = cp1252.decode(bytes);
  } else {
    try {
      text = utf8.decode(bytes);
    } catch {
      // Declared UTF-8 (or undeclared) but not valid: old Windows files.
      text = cp1252.decode(bytes);
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseIni(text: string): IniFile {
  const lines = text.split(/\r\n|\n|\r/);
  const sections = new Map<string, Array<[string, string]>>();
  let current: Array<[string, string]> | undefined;
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      const key = sec[1]!.trim().toLowerCase();
      current = sections.get(key) ?? [];
      sections.set(key, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && current) current.push([line.slice(0, eq).trim(), line.slice(eq + 1)]);
  }
  return { firstLine: (lines[0] ?? '').trim(), sections };
}

export function iniGet(ini: IniFile, section: string, key: string): string | undefined {
  const k = key.toLowerCase();
  return ini.sections.get(section.toLowerCase())?.find(([name]) => name.toLowerCase() === k)?.[1].trim();
}

/** Entries named prefix<n> (Ch1, Mk12...) as [n, value], in file order. */
export function numberedEntries(ini: IniFile, section: string, prefix: string): Array<[number, string]> {
  const re = new RegExp(`^${prefix}(\\d+)$`, 'i');
  const out: Array<[number, string]> = [];
  for (const [k, v] of ini.sections.get(section.toLowerCase()) ?? []) {
    const m = re.exec(k);
    if (m) out.push([Number(m[1]), v]);
  }
  return out;
}

/** Splits a comma-separated value; "\1" stands for a literal comma in names. */
export function splitFields(value: string): string[] {
  return value.split(',').map((f) => f.replace(/\\1/g, ','));
}

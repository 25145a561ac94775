/**
 * EDF+ Time-stamped Annotation Lists (EDF+ spec §2.2).
 *
 * An annotation signal's bytes in one data record hold TALs, each
 *   +Onset[\x15Duration]\x14[Text\x14]*\x00
 * padded with \x00. Onset is seconds relative to the file's start time; the
 * first TAL of each record in the first annotation signal has no text and
 * gives that record's start ("time-keeping TAL"). Texts are UTF-8.
 */
import { PipelineError } from '../../errors';

export interface Tal {
  onset: number;
  duration: number;
  texts: string[];
}

const utf8 = new TextDecoder('utf-8');
const ONSET = /^[+-]\d+(\.\d*)?$/;
const DURATION = /^\d+(\.\d*)?$/;

export function parseTals(bytes: Uint8Array, fileName: string): Tal[] {
  const tals: Tal[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0) continue;
    if (i > start) tals.push(parseOne(bytes.subarray(start, i), fileName));
    start = i + 1;
  }
  return tals;
}

function parseOne(raw: Uint8Array, fileName: string): Tal {
  const parts = utf8.decode(raw).split('\x14');
  const timing = parts[0]!;
  const [onsetText, durationText] = timing.split('\x15');
  if (!ONSET.test(onsetText ?? '') || (durationText !== undefined && durationText !== '' && !DURATION.test(durationText))) {
    throw new PipelineError('INVALID_FILE', `${fileName}: malformed EDF+ annotation "${timing.replace(/[\x00-\x1f]/g, '·')}" (expected +onset[\\x15duration])`);
  }
  // The last part is the empty string after the closing \x14.
  const texts = parts.slice(1).filter((t, i, all) => i < all.length - 1 || t !== '');
  return { onset: Number(onsetText), duration: durationText ? Number(durationText) : 0, texts: texts.filter((t) => t !== '') };
}

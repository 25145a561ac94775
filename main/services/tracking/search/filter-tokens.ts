import { invalid, type AppError } from '../../../core/app-error';

export type TokenKind = 'identifier' | 'string' | 'number' | 'operator' | 'keyword' | 'lparen' | 'rparen' | 'comma' | 'end';

export interface Token {
  kind: TokenKind;
  /** Keywords are upper-cased; quoted parts of identifiers are unquoted. */
  text: string;
  /** 0-based character offset in the filter. */
  position: number;
  /** For identifiers: the dot-separated parts, unquoted (`metrics.\`my key\`` gives ["metrics", "my key"]). */
  parts?: string[];
}

const KEYWORDS = new Set(['AND', 'OR', 'LIKE', 'ILIKE', 'IN', 'NOT', 'IS', 'NULL', 'ASC', 'DESC']);
const BARE_CHAR = /[\p{L}\p{N}_\-/:]/u;

/** An error about the filter text itself, pointing at the character where it went wrong. */
export function filterError(source: string, text: string, position: number, message: string): AppError {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return invalid(`Invalid ${source} at position ${position + 1} of "${shown}": ${message}`);
}

/**
 * Splits a search filter or order_by clause into tokens. An identifier is a run of bare
 * name parts joined by dots; a part may be `backticked` or "double-quoted" to hold any
 * character (MLflow's rule for keys with spaces or symbols).
 */
export function tokenize(text: string, source = 'filter'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (at: number, message: string): never => {
    throw filterError(source, text, at, message);
  };
  const readQuoted = (quote: string): string => {
    const start = i;
    i += 1;
    let out = '';
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === quote) {
        // A doubled quote inside a quoted part stands for one quote character.
        if (text[i + 1] === quote) {
          out += quote;
          i += 2;
          continue;
        }
        i += 1;
        return out;
      }
      out += ch;
      i += 1;
    }
    return fail(start, `the ${quote} opened here is never closed.`);
  };
  while (i < text.length) {
    const ch = text[i]!;
    const start = i;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "'") {
      tokens.push({ kind: 'string', text: readQuoted("'"), position: start });
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch, position: start });
      i += 1;
    } else if ('=!<>'.includes(ch)) {
      const two = text.slice(i, i + 2);
      const op = ['!=', '<=', '>=', '<>', '=='].includes(two) ? two : ch;
      if (op === '!') fail(start, 'expected "!=" here.');
      tokens.push({ kind: 'operator', text: op === '<>' ? '!=' : op === '==' ? '=' : op, position: start });
      i += op.length;
    } else if (/[0-9]/.test(ch) || ((ch === '-' || ch === '+' || ch === '.') && /[0-9.]/.test(text[i + 1] ?? ''))) {
      const match = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!match) fail(start, 'this number is malformed.');
      tokens.push({ kind: 'number', text: match![0], position: start });
      i += match![0].length;
    } else if (ch === '`' || ch === '"' || BARE_CHAR.test(ch)) {
      // A double-quoted part alone (not after a prefix) is a string value, as in MLflow.
      if (ch === '"' && tokens.at(-1)?.kind === 'operator') {
        tokens.push({ kind: 'string', text: readQuoted('"'), position: start });
        continue;
      }
      const parts: string[] = [];
      let quoted = false;
      for (;;) {
        const c = text[i];
        if (c === '`' || c === '"') {
          parts.push(readQuoted(c));
          quoted = true;
        } else {
          let word = '';
          while (i < text.length && BARE_CHAR.test(text[i]!)) word += text[i++];
          if (word === '') fail(i, 'expected a name here.');
          parts.push(word);
        }
        if (text[i] !== '.') break;
        i += 1;
      }
      const upper = parts[0]!.toUpperCase();
      if (!quoted && parts.length === 1 && KEYWORDS.has(upper)) tokens.push({ kind: 'keyword', text: upper, position: start });
      else tokens.push({ kind: 'identifier', text: text.slice(start, i), position: start, parts });
    } else {
      fail(start, `unexpected character "${ch}".`);
    }
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

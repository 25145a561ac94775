import crypto from 'node:crypto';
import { AppError } from '../../core/app-error';

/** Shorter tokens can be guessed over the network in reasonable time; ours are 43 characters. */
export const MIN_TOKEN_LENGTH = 16;

/** 256 random bits, URL-safe (no padding), so it can go in a query string or a header unchanged. */
export function generateToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Refuses a blank or short token before anything listens; `source` names where it came from (e.g. "--token"). */
export function checkToken(token: string, source: string): string {
  if (token.trim() === '') {
    throw new AppError('INVALID_PARAMETER_VALUE', `${source} is blank. Use a long random token: "neuroops serve --generate-token" prints one.`);
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new AppError(
      'INVALID_PARAMETER_VALUE',
      `${source} is ${token.length} characters long; a token needs at least ${MIN_TOKEN_LENGTH}. "neuroops serve --generate-token" prints a strong one.`,
    );
  }
  return token;
}

/**
 * What a users file keeps instead of a token. Tokens are 256 random bits, not passwords a
 * person chose, so a plain SHA-256 cannot be reversed by guessing; a slow salted hash
 * would only make every request slower.
 */
export function hashToken(token: string): string {
  return `sha256:${crypto.createHash('sha256').update(token).digest('hex')}`;
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

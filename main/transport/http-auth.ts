import crypto from 'node:crypto';
import type http from 'node:http';
import { AppError } from '../core/app-error';
import type { HttpCaller } from './http-route';

export const TOKEN_COOKIE = 'neuroops_token';

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

/** Host names are case-insensitive (RFC 4343): `LOCALHOST` is `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  const bare = name.replace(/^\[|\]$/g, '');
  return LOOPBACK_NAMES.has(name) || LOOPBACK_NAMES.has(bare) || /^127(\.\d{1,3}){3}$/.test(bare);
}

function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

/**
 * A page on some other site can make the browser send requests to 127.0.0.1 by rebinding
 * its own domain name there. Such a request still names that domain in its Host header,
 * so a loopback-only server answers only requests addressed to a loopback name.
 */
export function hostHeaderIsLoopback(req: http.IncomingMessage): boolean {
  return isLoopbackHost(hostnameOf(req.headers.host ?? ''));
}

/**
 * Our cookie's value, or undefined. A value that is not valid percent-encoding is the
 * client's mistake: it is answered 400 (BAD_REQUEST), never a crash.
 */
export function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      throw new AppError('BAD_REQUEST', `The ${name} cookie is not valid percent-encoding; clear this site's cookies and open the URL that neuroops serve printed.`);
    }
  }
  return undefined;
}

/**
 * The token may come as a bearer header (scripts, the CLI), a query parameter (the first
 * page load) or our cookie. The scheme name is case-insensitive (RFC 9110): `bearer` works.
 */
export function presentedToken(req: http.IncomingMessage, url: URL): string | undefined {
  const bearer = /^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1]!.trim();
  return url.searchParams.get('token') ?? readCookie(req, TOKEN_COOKIE);
}

/** Who a presented token belongs to, or null when it opens nothing. */
export type Authenticate = (given: string | undefined) => HttpCaller | null;

export function tokensMatch(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The single-token server: whoever holds it is the one (unnamed) user. */
export function singleTokenAuthenticator(token: string): Authenticate {
  return (given) => (tokensMatch(token, given) ? {} : null);
}

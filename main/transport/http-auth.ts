import crypto from 'node:crypto';
import type http from 'node:http';

export const TOKEN_COOKIE = 'neuroops_token';

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return LOOPBACK_NAMES.has(host) || LOOPBACK_NAMES.has(bare) || /^127(\.\d{1,3}){3}$/.test(bare);
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

function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The token may come as a bearer header (scripts, the CLI), a query parameter (the first page load) or our cookie. */
export function presentedToken(req: http.IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return url.searchParams.get('token') ?? readCookie(req, TOKEN_COOKIE);
}

export function tokensMatch(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}

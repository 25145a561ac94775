import type http from 'node:http';

/**
 * Any web page the user visits can make their browser send requests to this server: a
 * form POST, `fetch(…, {mode: 'no-cors'})`, an <img>. The browser will not let the page
 * read the answer, but the request itself still runs, so without this check a page on
 * another site could create, delete or promote things on a loopback server with no token.
 *
 * Browsers say where such a request comes from: `Origin` on every request that is not a
 * GET or HEAD, and `Sec-Fetch-Site` on every request. Scripts, the CLI and MLflow's
 * clients send neither, so they pass unchanged.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Another origin of the same site (another port on localhost) is as foreign as another site. */
const FOREIGN_FETCH_SITES = new Set(['cross-site', 'same-site']);

/**
 * Whether `origin` names this server, as the Host header it was reached by says. Compared
 * under the origin's own scheme, so `https://lab.example` behind a TLS proxy that passes
 * `Host: lab.example` on is ours, and default ports compare equal.
 */
export function isOwnOrigin(origin: string, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  let parsed: URL;
  let own: URL;
  try {
    parsed = new URL(origin);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
    own = new URL(`${parsed.protocol}//${hostHeader}`);
  } catch {
    // "null" (a sandboxed frame, a file:// page) and anything unparseable are not us.
    return false;
  }
  return own.origin === parsed.origin;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Why a request must be refused (403) as coming from another web page, or undefined to let it through. The HTTP server asks this once, before any route. */
export function crossSiteRefusal(req: http.IncomingMessage, pathname: string): string | undefined {
  const origin = header(req, 'origin');
  const fetchSite = header(req, 'sec-fetch-site')?.toLowerCase();
  const changes = !SAFE_METHODS.has(req.method ?? 'GET');
  if (changes) {
    if (origin !== undefined && !isOwnOrigin(origin, req.headers.host)) {
      return `This server accepts changes only from its own pages, not from a page at ${origin}. Scripts and MLflow clients send no Origin header and are not affected.`;
    }
    if (fetchSite && FOREIGN_FETCH_SITES.has(fetchSite)) {
      return 'This server accepts changes only from its own pages, not from a page on another site.';
    }
    return undefined;
  }
  // Reads: another page may link to a download (a navigation), but not embed or fetch API
  // answers, which would leak them through side channels even though it cannot read them.
  const navigates = header(req, 'sec-fetch-mode')?.toLowerCase() === 'navigate';
  if (pathname.startsWith('/api/') && fetchSite && FOREIGN_FETCH_SITES.has(fetchSite) && !navigates) {
    return 'The API does not answer requests made by pages on other sites.';
  }
  return undefined;
}

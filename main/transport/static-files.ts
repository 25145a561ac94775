import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** The same policy the Electron shell applies: nothing but our own code, no eval, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // MUI's emotion injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * Serves the built renderer. Paths are resolved inside the folder only; a path with no
 * file extension is a client-side route and gets index.html.
 */
export function serveStatic(rendererDir: string, pathname: string, res: http.ServerResponse, extraHeaders: Record<string, string> = {}): void {
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
    res.end(`The NeuroOps interface has not been built (no ${indexFile}). Run "npm run build:renderer", then reload.\n`);
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Malformed path.\n');
    return;
  }
  const candidate = path.resolve(rendererDir, `.${path.posix.normalize(decoded)}`);
  const inside = candidate === rendererDir || candidate.startsWith(rendererDir + path.sep);
  let file = indexFile;
  if (inside && path.extname(candidate) !== '') {
    if (!fs.existsSync(candidate) || !fs.statSync(candidate).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
      res.end('Not found.\n');
      return;
    }
    file = candidate;
  }
  const ext = path.extname(file);
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...securityHeaders(),
    ...extraHeaders,
  });
  fs.createReadStream(file).pipe(res);
}

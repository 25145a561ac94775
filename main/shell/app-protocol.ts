import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import type { TrackingService } from '../services/tracking/tracking-service';
import { CONTENT_SECURITY_POLICY } from '../transport/static-files';
import { answerArtifactRequest } from './artifact-protocol';

/**
 * The renderer loads from app://neuroops/ rather than file://: a standard, secure origin
 * that can only reach the built renderer folder, and whose responses carry our CSP.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://neuroops`;

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function isTrustedRendererUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

/** Serves the built renderer, and run artifacts at the MLflow artifact proxy path (see artifact-protocol.ts). */
export function serveRendererOverAppScheme(rendererDir: string, tracking: TrackingService): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const artifact = answerArtifactRequest(request, tracking);
    if (artifact) return artifact;
    const { pathname } = new URL(request.url);
    const wanted = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    const inside = wanted.startsWith(root + path.sep);
    const exists = inside && (await fs.stat(wanted).then((s) => s.isFile(), () => false));
    const file = exists ? wanted : path.join(root, 'index.html');
    // A URL built from the path: "#", "?" or "%" in an install folder would otherwise cut or garble it.
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

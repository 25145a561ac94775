import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../app/core';
import { AppError } from '../core/app-error';
import { toErrorBody } from '../core/error-body';
import { sendMlflowError } from '../mlflow/mlflow-errors';
import type { ApiErrorBody } from '../contract/errors';
import { hostHeaderIsLoopback, isLoopbackHost, presentedToken, readCookie, singleTokenAuthenticator, TOKEN_COOKIE, type Authenticate } from './http-auth';
import { crossSiteRefusal } from './cross-site';
import { readJsonBody, sendError, sendJson } from './http-io';
import type { HttpCaller, HttpRoute } from './http-route';
import { streamEvents } from './sse';
import { serveStatic } from './static-files';

export interface HttpServerOptions {
  core: Core;
  rendererDir: string;
  host: string;
  port: number;
  /** Required when `host` is not a loopback address (or `authenticate`). */
  token?: string;
  /** Who a token belongs to (named users); replaces `token` when given. */
  authenticate?: Authenticate;
  routes?: HttpRoute[];
}

export interface RunningHttpServer {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

const RPC_PREFIX = '/api/rpc/';

/** MLflow's clients expect its error shape (`error_code`) on its paths; the app reads ours (`code`). */
function refuse(res: http.ServerResponse, url: URL, error: ApiErrorBody): void {
  if (url.pathname.startsWith('/api/2.0/')) sendMlflowError(res, new AppError(error.code, error.message));
  else sendError(res, error);
}

async function handleRpc(core: Core, req: http.IncomingMessage, res: http.ServerResponse, name: string, caller: HttpCaller): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, { code: 'BAD_REQUEST', message: `Call ${name} with POST and a JSON body.` });
    return;
  }
  const input = await readJsonBody(req);
  const result = await core.dispatcher.call(name, input, { transport: 'http', remoteAddress: req.socket.remoteAddress, user: caller.user });
  if (result.ok) sendJson(res, 200, result.data);
  else sendError(res, result.error);
}

function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AppError('BAD_REQUEST', `"${text}" in the path is not valid percent-encoding.`);
  }
}

export function checkBindAllowed(host: string, authenticated: boolean): void {
  if (!isLoopbackHost(host) && !authenticated) {
    throw new AppError(
      'PERMISSION_DENIED',
      `Refusing to listen on ${host} without an access token: anyone on the network could reach your data. ` +
        'Pass --token TOKEN (or set NEUROOPS_TOKEN) or --users FILE, or bind to 127.0.0.1.',
    );
  }
}

/** One HTTP server for the app API, its events, feature routes (MLflow) and the renderer. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { core, rendererDir, token } = options;
  const authenticate = options.authenticate ?? (token ? singleTokenAuthenticator(token) : undefined);
  checkBindAllowed(options.host, authenticate !== undefined);
  const loopbackOnly = isLoopbackHost(options.host);
  const routes = options.routes ?? [];

  const server = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendError(res, { code: 'BAD_REQUEST', message: `The request target "${req.url}" is not a valid URL path.` });
      return;
    }
    void (async () => {
      if (loopbackOnly && !hostHeaderIsLoopback(req)) {
        refuse(res, url, { code: 'PERMISSION_DENIED', message: 'This server only answers requests addressed to a loopback name.' });
        return;
      }
      const crossSite = crossSiteRefusal(req, url.pathname);
      if (crossSite) {
        refuse(res, url, { code: 'PERMISSION_DENIED', message: crossSite });
        return;
      }
      // A cookie that cannot be decoded is refused (400) before any token is compared.
      readCookie(req, TOKEN_COOKIE);
      const cookie: Record<string, string> = {};
      let caller: HttpCaller = {};
      if (authenticate) {
        const given = presentedToken(req, url);
        const found = authenticate(given);
        if (!found) {
          refuse(res, url, { code: 'UNAUTHENTICATED', message: 'An access token is required: send "Authorization: Bearer TOKEN" or open the URL that neuroops serve printed.' });
          return;
        }
        caller = found;
        if (url.searchParams.has('token')) {
          cookie['Set-Cookie'] = `${TOKEN_COOKIE}=${encodeURIComponent(given!)}; HttpOnly; SameSite=Strict; Path=/`;
        }
      }
      if (url.pathname === '/api/health' && req.method === 'GET') {
        const result = await core.dispatcher.call('system.health', {}, { transport: 'http' });
        if (result.ok) sendJson(res, 200, result.data);
        else sendError(res, result.error);
        return;
      }
      if (url.pathname.startsWith(RPC_PREFIX)) {
        await handleRpc(core, req, res, decodePathPart(url.pathname.slice(RPC_PREFIX.length)), caller);
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        streamEvents(req, res, core.events);
        return;
      }
      for (const route of routes) {
        if (await route(req, res, url, caller)) return;
      }
      if (url.pathname.startsWith('/api/')) {
        sendError(res, { code: 'ENDPOINT_NOT_FOUND', message: `No endpoint at ${req.method} ${url.pathname}.` });
        return;
      }
      serveStatic(rendererDir, url.pathname, res, cookie);
    })().catch((error: unknown) => {
      const body = toErrorBody(error);
      if (body.code === 'INTERNAL_ERROR') console.error('request failed:', error);
      if (!res.headersSent) refuse(res, url, body);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams never end by themselves; without this, close would wait forever.
        server.closeAllConnections();
      }),
  };
}

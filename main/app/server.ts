import { startHttpServer, checkBindAllowed } from '../transport/http-server';
import { createAuthenticator } from './access/authenticate';
import { checkToken } from './access/tokens';
import { createCore, type Core, type CoreOptions } from './core';
import { defaultRendererDir } from './paths';

export interface ServerOptions {
  dataDir: string;
  host?: string;
  port?: number;
  token?: string;
  /** The name the single `token` acts as in trails and runs (default: the server's OS user). */
  userName?: string;
  /** A users file (`NAME sha256:HEX` per line): each named user signs in with their own token. */
  usersFile?: string;
  rendererDir?: string;
  executor?: CoreOptions['executor'];
}

export interface RunningServer {
  url: string;
  /** The URL to open in a browser: with the token when one is set. */
  browserUrl: string;
  port: number;
  core: Core;
  stop(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5001;

/** Headless mode: every service, the API over HTTP, and the renderer for a browser. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  if (options.token !== undefined) checkToken(options.token, 'The access token');
  // Read before touching the data folder: a bad users file or an open bind stops here.
  const authenticate = createAuthenticator({ token: options.token, userName: options.userName, usersFile: options.usersFile });
  checkBindAllowed(host, authenticate !== undefined);
  const core = await createCore({ dataDir: options.dataDir, exclusive: true, executor: options.executor });
  try {
    const http = await startHttpServer({
      core,
      host,
      port: options.port ?? DEFAULT_PORT,
      authenticate,
      rendererDir: options.rendererDir ?? defaultRendererDir(),
      routes: core.httpRoutes,
    });
    let stopping: Promise<void> | undefined;
    return {
      url: http.url,
      browserUrl: options.token ? `${http.url}?token=${encodeURIComponent(options.token)}` : http.url,
      port: http.port,
      core,
      stop: () =>
        (stopping ??= (async () => {
          await http.close();
          await core.close();
        })()),
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}

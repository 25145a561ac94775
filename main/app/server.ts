import fs from 'node:fs';
import { startHttpServer, checkBindAllowed } from '../transport/http-server';
import { createAuthenticator } from './access/authenticate';
import { checkToken } from './access/tokens';
import { createCore, type Core, type CoreOptions } from './core';
import { dataPaths } from './data-dir';
import { checkCanListen, listenError } from './listen-check';
import { defaultRendererDir } from './paths';
import { DEFAULT_HOST, DEFAULT_PORT } from './server-defaults';

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

export { DEFAULT_HOST, DEFAULT_PORT };

/** Headless mode: every service, the API over HTTP, and the renderer for a browser. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  if (options.token !== undefined) checkToken(options.token, 'The access token');
  // Read before touching the data folder: a bad users file or an open bind stops here.
  const authenticate = createAuthenticator({ token: options.token, userName: options.userName, usersFile: options.usersFile });
  checkBindAllowed(host, authenticate !== undefined);
  const port = options.port ?? DEFAULT_PORT;
  await checkCanListen(host, port);
  const made = { dir: !fs.existsSync(options.dataDir), database: !fs.existsSync(dataPaths(options.dataDir).database) };
  const core = await createCore({ dataDir: options.dataDir, exclusive: true, executor: options.executor }).catch((error: unknown) => {
    // A folder another NeuroOps holds is theirs, whatever it looked like a moment ago; a
    // folder that could not be made holds nothing of ours.
    const code = (error as { code?: unknown }).code;
    if (code !== 'DATA_DIR_IN_USE' && code !== 'DATA_DIR_INVALID') forgetNewData(options.dataDir, made);
    throw error;
  });
  try {
    const http = await startHttpServer({
      core,
      host,
      port,
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
    forgetNewData(options.dataDir, made);
    throw listenError(host, port, error);
  }
}

/** A start-up that failed leaves no database (or data folder) that it created itself. */
function forgetNewData(dataDir: string, made: { dir: boolean; database: boolean }): void {
  try {
    if (made.dir) {
      if (fs.existsSync(dataDir) && fs.statSync(dataDir).isDirectory()) fs.rmSync(dataDir, { recursive: true, force: true });
      return;
    }
    if (!made.database) return;
    const database = dataPaths(dataDir).database;
    for (const file of [database, `${database}-wal`, `${database}-shm`]) fs.rmSync(file, { force: true });
  } catch (error) {
    // Tidying up must not hide why start-up failed.
    console.error(`could not remove what the failed start-up created in ${dataDir}: ${(error as Error).message}`);
  }
}

import path from 'node:path';
import { afterEach } from 'vitest';
import { startServer, type RunningServer } from '../../main/app/server';
import { tempDir } from './temp-dir';

/**
 * `neuroops serve` on a free port and a fresh data folder (or the one given), no renderer,
 * stopped after each test. Call at the top of a test file; the returned function starts one.
 */
export function serverPerTest(): (dataDir?: string) => Promise<RunningServer> {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  return async (dataDir = tempDir()) => {
    server = await startServer({ dataDir, port: 0, rendererDir: path.join(dataDir, 'no-renderer') });
    return server;
  };
}

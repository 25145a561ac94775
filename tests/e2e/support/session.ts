import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startServe, type ServeProcess } from './server';

export interface E2eSession {
  serve: ServeProcess;
  browser: Browser;
}

/**
 * One `neuroops serve` on a fresh data folder and one Chromium for the whole file,
 * started before its tests and stopped after them. `seed` runs once both are up;
 * `serveWith` adds flags and environment variables to the server's command line.
 */
export function useServeAndBrowser(
  seed?: (session: E2eSession) => Promise<void>,
  serveWith: { args?: string[]; env?: NodeJS.ProcessEnv } = {},
): E2eSession {
  const session = {} as E2eSession;
  beforeAll(async () => {
    session.serve = await startServe(serveWith.args, serveWith.env);
    session.browser = await launchBrowser();
    await seed?.(session);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.serve?.stop();
  });
  return session;
}

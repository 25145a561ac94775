import { spawn } from 'node:child_process';
import { generateToken } from '../../app/access/tokens';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../app/server-defaults';
import type { CliCommand } from '../command';
import { usageError } from '../usage-error';

function openInBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  // A machine without a desktop has no opener; the printed URL is enough there.
  child.on('error', () => {});
  child.unref();
}

export const serveCommand: CliCommand = {
  path: ['serve'],
  summary: 'Start every service headless and serve the API and the interface over HTTP.',
  supportsJson: false,
  options: {
    host: { type: 'string', placeholder: 'HOST', description: `address to bind (default ${DEFAULT_HOST}; any other address needs --token or --users)` },
    port: { type: 'string', placeholder: 'PORT', description: `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)` },
    token: { type: 'string', placeholder: 'TOKEN', description: 'access token every request must carry, 16 characters or more (default $NEUROOPS_TOKEN)' },
    'generate-token': { type: 'boolean', description: 'print a strong random token for --token and exit' },
    users: { type: 'string', placeholder: 'FILE', description: 'users file: each named user signs in with their own token (see "neuroops users add")' },
    'user-name': { type: 'string', placeholder: 'NAME', description: 'the name the --token holder is recorded as (default: this OS user)' },
    open: { type: 'boolean', description: 'open the interface in the default browser' },
    workers: { type: 'string', placeholder: 'N', description: 'worker threads for pipeline tasks (default $NEUROOPS_WORKERS, then cores - 1)' },
    'tag-limit': {
      type: 'string',
      multiple: true,
      placeholder: 'TAG=N',
      description: 'run at most N tasks tagged TAG at once; replaces $NEUROOPS_TAG_LIMITS',
    },
  },
  async run(ctx) {
    if (ctx.values['generate-token']) {
      ctx.io.stdout(`${generateToken()}\n`);
      return 0;
    }
    const portText = (ctx.values.port as string | undefined) ?? String(DEFAULT_PORT);
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be a number from 0 to 65535, not "${portText}".`);
    // The server and the executor's settings load only when serving, not for --help.
    const { accessFromFlags, executorOverridesFromFlags } = await import('./serve-options');
    const { startServer } = await import('../../app/server');
    const { removeOwnSystemScratch } = await import('../../app/leftovers');
    const executor = executorOverridesFromFlags(ctx.values.workers as string | undefined, ctx.values['tag-limit'] as string[] | undefined);
    const access = accessFromFlags(ctx.values, process.env);
    const server = await startServer({ dataDir: ctx.dataDir, host: ctx.values.host as string | undefined, port, ...access, executor });
    const forUsers = access.usersFile ? `Users of ${access.usersFile} open ${server.url}?token=THEIR_TOKEN\n` : '';
    ctx.io.stdout(`NeuroOps is serving ${server.browserUrl}\n${forUsers}Data folder: ${ctx.dataDir}\nPress Ctrl+C to stop.\n`);
    if (ctx.values.open) openInBrowser(server.browserUrl);
    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals): void => {
        ctx.io.stderr(`Received ${signal}: stopping…\n`);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        // Scratch of work cut short goes with the process: the data folder's at close, the temp folder's here.
        void server.stop().then(() => {
          removeOwnSystemScratch();
          resolve();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    ctx.io.stdout('NeuroOps stopped; the database is closed.\n');
    return 0;
  },
};

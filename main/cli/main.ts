import { once } from 'node:events';
import { commands } from './commands';
import { runCli } from './run-cli';

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  return runCli(argv, commands, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Large outputs (a recording's samples) wait for the pipe to drain instead of piling up in memory.
    write: async (chunk) => {
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    },
  });
}

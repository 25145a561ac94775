import { commands } from './commands';
import { runCli } from './run-cli';

export async function main(argv: string[]): Promise<number> {
  return runCli(argv, commands, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

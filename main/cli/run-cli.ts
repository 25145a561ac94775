import { parseArgs } from 'node:util';
import { createCore, type Core } from '../app/core';
import { resolveDataDir } from '../app/data-dir';
import { APP_VERSION } from '../app/version';
import { toErrorBody } from '../core/error-body';
import type { CliCommand, CliIo } from './command';
import { commandHelp, GLOBAL_OPTIONS, rootHelp } from './usage';

const EXIT_USAGE = 2;

function findCommand(commands: readonly CliCommand[], argv: string[]): CliCommand | undefined {
  // The longest matching path wins, so "flows runs" is not taken for "flows run".
  return [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((word, i) => argv[i] === word));
}

/** Runs one command line and answers its exit code. Nothing here calls process.exit. */
export async function runCli(argv: string[], commands: readonly CliCommand[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(rootHelp(commands, APP_VERSION));
    return argv.length === 0 ? EXIT_USAGE : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  const command = findCommand(commands, argv);
  if (!command) {
    io.stderr(`neuroops: unknown command "${argv.join(' ')}". Run "neuroops --help" for the list.\n`);
    return EXIT_USAGE;
  }
  const optionSpecs = { ...(command.options ?? {}), ...GLOBAL_OPTIONS };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv.slice(command.path.length),
      options: Object.fromEntries(
        Object.entries(optionSpecs).map(([name, o]) => [
          name,
          { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.stderr(`neuroops ${command.path.join(' ')}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout(commandHelp(command));
    return 0;
  }
  const dataDir = resolveDataDir(parsed.values['data-dir'] as string | undefined);
  let core: Core | undefined;
  try {
    const code = await command.run({
      values: parsed.values as Record<string, string | boolean | string[] | undefined>,
      positionals: parsed.positionals,
      json: Boolean(parsed.values.json),
      dataDir,
      io,
      openCore: async () => (core ??= await createCore({ dataDir })),
    });
    return code ?? 0;
  } catch (error) {
    const body = toErrorBody(error);
    if (body.code === 'INTERNAL_ERROR') console.error(error);
    io.stderr(`neuroops ${command.path.join(' ')}: ${body.message} [${body.code}]\n`);
    return 1;
  } finally {
    await core?.close();
  }
}

import { parseArgs } from 'node:util';
import type { Core } from '../app/core';
import { resolveDataDir } from '../app/data-dir';
import { APP_VERSION } from '../app/version';
import type { CliCommand, CliIo, CliOption } from './command';
import { commandHelp, GLOBAL_OPTIONS, groupHelp, rootHelp } from './usage';

const EXIT_USAGE = 2;
const HELP_FLAGS = ['--help', '-h', 'help'];

function findCommand(commands: readonly CliCommand[], argv: string[]): CliCommand | undefined {
  // The longest matching path wins, so "flows runs" is not taken for "flows run".
  return [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((word, i) => argv[i] === word));
}

/** Gives an option with an optional value that is not followed by one an explicit empty value. */
function fillOptionalValues(args: string[], options: Record<string, CliOption>): string[] {
  const end = args.indexOf('--');
  return args.map((arg, i) => {
    const option = arg.startsWith('--') && (end < 0 || i < end) ? options[arg.slice(2)] : undefined;
    const next = args[i + 1];
    return option?.optionalValue && !(next !== undefined && option.optionalValue.test(next)) ? `${arg}=` : arg;
  });
}

/** Runs one command line and answers its exit code. Nothing here calls process.exit. */
export async function runCli(argv: string[], commands: readonly CliCommand[], io: CliIo): Promise<number> {
  if (argv.length === 0 || HELP_FLAGS.includes(argv[0]!)) {
    io.stdout(rootHelp(commands, APP_VERSION));
    return argv.length === 0 ? EXIT_USAGE : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  const command = findCommand(commands, argv);
  const isGroup = commands.some((c) => c.path.length > 1 && c.path[0] === argv[0]);
  if (!command && isGroup && (argv.length === 1 || (argv.length === 2 && HELP_FLAGS.includes(argv[1]!)))) {
    // A group named alone, or with --help: its subcommands (a usage error when alone).
    io.stdout(groupHelp(argv[0]!, commands));
    return argv.length === 1 ? EXIT_USAGE : 0;
  }
  if (!command) {
    const listed = isGroup ? `neuroops ${argv[0]} --help` : 'neuroops --help';
    io.stderr(`neuroops: unknown command "${argv.join(' ')}". Run "${listed}" for the list.\n`);
    return EXIT_USAGE;
  }
  const optionSpecs = { ...(command.options ?? {}), ...GLOBAL_OPTIONS };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: fillOptionalValues(argv.slice(command.path.length), optionSpecs),
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
      // Loaded here, not at the top: --help and usage errors answer without the core.
      openCore: async () => (core ??= await (await import('../app/core')).createCore({ dataDir })),
    });
    return code ?? 0;
  } catch (error) {
    const { toErrorBody } = await import('../core/error-body');
    const body = toErrorBody(error);
    if (body.code === 'INTERNAL_ERROR') console.error(error);
    io.stderr(`neuroops ${command.path.join(' ')}: ${body.message} [${body.code}]\n`);
    return 1;
  } finally {
    await core?.close();
  }
}

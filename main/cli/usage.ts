import type { CliCommand, CliOption } from './command';

export const GLOBAL_OPTIONS: Record<string, CliOption> = {
  'data-dir': { type: 'string', placeholder: 'DIR', description: 'data folder (default: $NEUROOPS_HOME, then the platform default)' },
  json: { type: 'boolean', description: 'print machine-readable JSON' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

function optionLines(options: Record<string, CliOption>): string[] {
  return Object.entries(options).map(([name, opt]) => {
    const flag = `${opt.short ? `-${opt.short}, ` : ''}--${name}${opt.placeholder ? ` ${opt.placeholder}` : ''}`;
    return `  ${flag.padEnd(28)} ${opt.description}${opt.multiple ? ' (repeatable)' : ''}`;
  });
}

export function commandHelp(command: CliCommand): string {
  const own = command.options ?? {};
  const globals = Object.fromEntries(Object.entries(GLOBAL_OPTIONS).filter(([name]) => name !== 'json' || command.supportsJson !== false));
  return [
    `Usage: neuroops ${command.path.join(' ')}${command.args ? ` ${command.args}` : ''} [options]`,
    '',
    command.summary,
    '',
    'Options:',
    ...optionLines({ ...own, ...globals }),
    '',
  ].join('\n');
}

/** `neuroops flows --help`: the subcommands of one group, e.g. every command under "flows". */
export function groupHelp(group: string, commands: readonly CliCommand[]): string {
  const members = commands.filter((c) => c.path.length > 1 && c.path[0] === group);
  const width = Math.max(...members.map((c) => `${c.path.join(' ')} ${c.args ?? ''}`.length)) + 2;
  return [
    `Usage: neuroops ${group} <command> [options]`,
    '',
    'Commands:',
    ...members.map((c) => `  ${`${c.path.join(' ')} ${c.args ?? ''}`.padEnd(width)}${c.summary}`),
    '',
    `Run "neuroops ${group} <command> --help" for a command's options.`,
    '',
  ].join('\n');
}

export function rootHelp(commands: readonly CliCommand[], version: string): string {
  const width = Math.max(...commands.map((c) => `${c.path.join(' ')} ${c.args ?? ''}`.length)) + 2;
  return [
    `NeuroOps ${version}: MLOps for EEG research, from the command line.`,
    '',
    'Usage: neuroops <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${`${c.path.join(' ')} ${c.args ?? ''}`.padEnd(width)}${c.summary}`),
    '',
    'Run "neuroops <command> --help" for a command\'s options.',
    'Errors go to stderr, and the exit code is not 0.',
    '',
  ].join('\n');
}

import { addUser, readUsersFile } from '../../app/access/users-file';
import type { CliCommand, CliContext } from '../command';
import { printResult } from '../command';
import { usageError } from '../usage-error';

const usersOption = {
  users: { type: 'string' as const, placeholder: 'FILE', description: 'the users file that "neuroops serve --users FILE" reads' },
};

function usersFileOf(ctx: CliContext): string {
  const file = ctx.values.users as string | undefined;
  if (!file) throw usageError('Say which users file with --users FILE (the file you pass to "neuroops serve --users").');
  return file;
}

const addCommand: CliCommand = {
  path: ['users', 'add'],
  summary: 'Adds a named user to a users file and prints their new token, once: only its hash is kept.',
  args: 'NAME',
  options: usersOption,
  async run(ctx) {
    const name = ctx.positionals[0];
    if (!name || ctx.positionals.length > 1) throw usageError('Give one user NAME, e.g. "neuroops users add alice --users users.txt".');
    const file = usersFileOf(ctx);
    const token = addUser(file, name);
    printResult(ctx, { name, token, usersFile: file }, () =>
      [
        `Added ${name} to ${file}. Their token (shown only this once; hand it to them privately):`,
        token,
        'A running "neuroops serve --users" picks the change up without a restart.',
      ].join('\n'),
    );
  },
};

const listCommand: CliCommand = {
  path: ['users', 'list'],
  summary: 'Lists the names in a users file.',
  options: usersOption,
  async run(ctx) {
    const users = readUsersFile(usersFileOf(ctx)).map((u) => u.name);
    printResult(ctx, { users }, (d) => (d.users.length ? d.users.join('\n') : 'No users yet: add one with "neuroops users add NAME --users FILE".'));
  },
};

export const usersCommands: CliCommand[] = [addCommand, listCommand];

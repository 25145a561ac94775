import { printResult, type CliCommand } from '../command';
import { countOption } from '../count-option';
import { usageError } from '../usage-error';
import { auditText } from './models-format';

export const auditCommand: CliCommand = {
  path: ['models', 'audit'],
  summary: "The audit trail of every model, deleted ones included: each promotion, rollback, move and deletion, newest first.",
  options: {
    name: { type: 'string', placeholder: 'NAME', description: 'only transitions recorded under this model name (or of the model that has it now)' },
    limit: { type: 'string', placeholder: 'N', description: 'at most this many, newest first (default 1000)' },
  },
  async run(ctx) {
    const limit = countOption(ctx, 'limit', 1000, 10_000);
    const core = await ctx.openCore();
    printResult(ctx, await core.dispatcher.invoke('registry.audit', { name: ctx.values.name as string | undefined, limit }), auditText);
  },
};

export const deleteCommand: CliCommand = {
  path: ['models', 'delete'],
  args: 'NAME',
  summary: 'Delete a model and all its versions. Its audit trail is kept, with the deletion recorded.',
  options: {
    reason: { type: 'string', placeholder: 'TEXT', description: 'why it is deleted (kept in the audit trail)' },
    yes: { type: 'boolean', description: 'confirm: the versions cannot be brought back' },
  },
  async run(ctx) {
    const name = ctx.positionals[0];
    if (!name) throw usageError('Give the model\'s name: "neuroops models delete NAME --yes"; "neuroops models list" shows the names.');
    if (!ctx.values.yes) throw usageError(`Deleting model ${name} removes all its versions for good; add --yes to confirm.`);
    const core = await ctx.openCore();
    const result = await core.dispatcher.invoke('registry.deleteModel', { name, reason: ctx.values.reason as string | undefined });
    printResult(ctx, result, () => `Deleted model ${name}. Its history stays in "neuroops models audit --name ${name}".`);
  },
};

import path from 'node:path';
import type { Input, Output } from '../../contract';
import { printResult, type CliCommand, type CliContext } from '../command';
import { usageError } from '../usage-error';
import { auditCommand, deleteCommand } from './models-audit';
import { historyText, modelDetail, modelsTable, transitionText } from './models-format';

function nameArg(ctx: CliContext, usage: string): string {
  const name = ctx.positionals[0];
  if (!name) throw usageError(`Give the model's name: "neuroops ${usage}"; "neuroops models list" shows the names.`);
  return name;
}

/** --expect-production: the version the caller believes is in production ("none" for none); a stale belief is refused. */
function expectedProduction(ctx: CliContext): number | null | undefined {
  const text = ctx.values['expect-production'] as string | undefined;
  if (text === undefined) return undefined;
  if (text === 'none') return null;
  const version = Number(text);
  if (!Number.isInteger(version) || version < 1) throw usageError(`--expect-production is a version number or "none", not "${text}".`);
  return version;
}

const EXPECT_PRODUCTION = {
  type: 'string',
  placeholder: 'VERSION|none',
  description: 'refuse (RESOURCE_CONFLICT) unless this version is in production now, so a script never overrides a change it did not see',
} as const;

function versionArg(ctx: CliContext, usage: string): number {
  const text = ctx.positionals[1];
  const version = Number(text);
  if (!text || !Number.isInteger(version) || version < 1) throw usageError(`Give the version as a number: "neuroops ${usage}".`);
  return version;
}

const listCommand: CliCommand = {
  path: ['models', 'list'],
  summary: 'List registered models with their production version and its metrics.',
  options: { filter: { type: 'string', placeholder: 'EXPR', description: "MLflow filter on name and tags, e.g. \"name LIKE 'sleep%'\"" } },
  async run(ctx) {
    const core = await ctx.openCore();
    printResult(ctx, await core.dispatcher.invoke('registry.listModels', { filter: ctx.values.filter as string | undefined, maxResults: 1000 }), modelsTable);
  },
};

/** A command that takes a model's NAME and prints what one registry procedure answers for it. */
function perModel<N extends 'registry.getModel' | 'registry.history'>(word: string, summary: string, procedure: N, format: (data: Output<N>) => string): CliCommand {
  return {
    path: ['models', word],
    args: 'NAME',
    summary,
    async run(ctx) {
      const name = nameArg(ctx, `models ${word} NAME`);
      const core = await ctx.openCore();
      printResult(ctx, (await core.dispatcher.invoke(procedure, { name } as Input<N>)) as Output<N>, format);
    },
  };
}

const showCommand = perModel('show', 'Show a model: its gate, tags, and every version with its stage, aliases and run.', 'registry.getModel', modelDetail);
const historyCommand = perModel('history', "Every change to a model's production version and stages: who, when, why, and the metrics.", 'registry.history', historyText);

const promoteCommand: CliCommand = {
  path: ['models', 'promote'],
  args: 'NAME VERSION',
  summary: 'Put a version in production (alias, stage, previous one archived) and record why.',
  options: {
    reason: { type: 'string', placeholder: 'TEXT', description: 'why this version goes to production (required; kept in the history)' },
    'override-gate': { type: 'string', placeholder: 'REASON', description: "promote even if the model's gate fails, for this reason" },
    'expect-production': EXPECT_PRODUCTION,
  },
  async run(ctx) {
    const usage = 'models promote NAME VERSION --reason TEXT';
    const name = nameArg(ctx, usage);
    const version = versionArg(ctx, usage);
    const reason = ctx.values.reason as string | undefined;
    if (!reason?.trim()) throw usageError(`A promotion needs --reason: "neuroops ${usage}".`);
    const core = await ctx.openCore();
    const result = await core.dispatcher.invoke('registry.promote', {
      name,
      version,
      reason,
      gateOverrideReason: ctx.values['override-gate'] as string | undefined,
      expectedProduction: expectedProduction(ctx),
    });
    printResult(ctx, result, transitionText);
  },
};

const rollbackCommand: CliCommand = {
  path: ['models', 'rollback'],
  args: 'NAME',
  summary: 'Put back the version that was in production before the current one.',
  options: { reason: { type: 'string', placeholder: 'TEXT', description: 'why (kept in the history)' }, 'expect-production': EXPECT_PRODUCTION },
  async run(ctx) {
    const name = nameArg(ctx, 'models rollback NAME');
    const core = await ctx.openCore();
    const result = await core.dispatcher.invoke('registry.rollback', { name, reason: ctx.values.reason as string | undefined, expectedProduction: expectedProduction(ctx) });
    printResult(ctx, result, transitionText);
  },
};

const gateCommand: CliCommand = {
  path: ['models', 'gate'],
  args: 'NAME',
  summary: "Set the promotion gate: a candidate's metric must not be worse than production's (or --off to remove it).",
  options: {
    metric: { type: 'string', placeholder: 'KEY', description: 'the metric to compare, e.g. val_accuracy' },
    direction: { type: 'string', placeholder: 'higher|lower', description: 'which way is better (default higher)' },
    off: { type: 'boolean', description: 'remove the gate' },
  },
  async run(ctx) {
    const usage = 'models gate NAME --metric KEY [--direction higher|lower]';
    const name = nameArg(ctx, usage);
    const metric = ctx.values.metric as string | undefined;
    const direction = (ctx.values.direction as string | undefined) ?? 'higher';
    if (!ctx.values.off && !metric) throw usageError(`Name the metric, or remove the gate with --off: "neuroops ${usage}".`);
    if (direction !== 'higher' && direction !== 'lower') throw usageError(`--direction is "higher" or "lower", not "${direction}".`);
    const core = await ctx.openCore();
    const model = await core.dispatcher.invoke('registry.setGate', { name, gate: ctx.values.off ? null : { metric: metric!, direction } });
    printResult(ctx, model, (m) => (m.gate ? `${m.name}: promotions need ${m.gate.metric} not worse than production's (${m.gate.direction} is better).` : `${m.name}: no promotion gate.`));
  },
};

const exportCommand: CliCommand = {
  path: ['models', 'export'],
  args: 'NAME VERSION',
  summary: 'Write a version as a model bundle: an MLflow ONNX model directory, its metadata and checksums, in one zip.',
  options: {
    out: { type: 'string', placeholder: 'FILE.zip', description: 'where to write the bundle (required)' },
    force: { type: 'boolean', description: 'replace the file if it exists' },
  },
  async run(ctx) {
    const usage = 'models export NAME VERSION --out FILE.zip';
    const name = nameArg(ctx, usage);
    const version = versionArg(ctx, usage);
    const out = ctx.values.out as string | undefined;
    if (!out) throw usageError(`Say where to write the bundle: "neuroops ${usage}".`);
    const core = await ctx.openCore();
    const result = await core.dispatcher.invoke('bundles.export', { name, version, path: path.resolve(out), overwrite: Boolean(ctx.values.force) });
    printResult(ctx, result, (r) => `Wrote ${r.file} (${r.bytes} bytes, sha256 ${r.sha256}).`);
  },
};

const importCommand: CliCommand = {
  path: ['models', 'import'],
  args: 'FILE.zip | MODEL.onnx',
  summary: 'Import a model bundle, or an external ONNX classifier with its feature names, as a new version.',
  options: {
    name: { type: 'string', placeholder: 'NAME', description: 'register under this model name (a bundle defaults to the name it was exported with; required for .onnx)' },
    features: { type: 'string', placeholder: 'FILE', description: 'with MODEL.onnx: the feature names, one per line, in input order' },
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) throw usageError('Give the bundle or model to import: "neuroops models import FILE.zip" or "neuroops models import model.onnx --features names.txt --name NAME".');
    const core = await ctx.openCore();
    if (file.toLowerCase().endsWith('.onnx')) {
      const features = ctx.values.features as string | undefined;
      const name = ctx.values.name as string | undefined;
      if (!features || !name) throw usageError('An ONNX model needs its feature names and a model name: "neuroops models import model.onnx --features names.txt --name NAME".');
      const result = await core.dispatcher.invoke('bundles.importOnnx', { path: path.resolve(file), featuresPath: path.resolve(features), name });
      printResult(ctx, result, (r) => `Imported ${r.name} version ${r.version} (${r.features} features); run ${r.runId}.`);
      return;
    }
    const result = await core.dispatcher.invoke('bundles.import', { path: path.resolve(file), name: ctx.values.name as string | undefined });
    printResult(ctx, result, (r) => `Imported ${r.name} version ${r.version} (version ${r.originalVersion} where it was exported); run ${r.runId}.`);
  },
};

export const modelsCommands: readonly CliCommand[] = [listCommand, showCommand, promoteCommand, rollbackCommand, historyCommand, auditCommand, deleteCommand, gateCommand, exportCommand, importCommand];

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetFeatures } from '../../../pipelines/features/dataset-features';
import type { PreprocessingSpec } from '../../../pipelines/preprocess/spec';
import type { WrittenTable } from '../../../pipelines/features/write-table';
import type { CliCommand } from '../command';
import { usageError } from '../usage-error';
import { harmonizationJson, harmonizationSummary, harmonizeForCli, readParamsFor, type CliHarmonization } from './features-harmonize';

// The pipelines load when the command runs, not for --help or any other command.
const loadSpecModule = () => import('../../../pipelines/preprocess/spec');

/** Kept in step with SPEC_PRESETS (pipelines/preprocess/default-spec.ts) by the CLI tests; here so --help loads no pipeline. */
const PRESET_HELP = 'default (channel space, band power, PREP) or original (58x25 components × 8 bands × power, entropy, coherence, SL, plus cross-frequency; needs the 58 channels)';

async function presetSpec(name: string): Promise<PreprocessingSpec> {
  const { SPEC_PRESETS, isSpecPreset } = await loadSpecModule();
  if (!isSpecPreset(name)) throw usageError(`Unknown --preset ${name}. Presets: ${Object.keys(SPEC_PRESETS).join(', ')}.`);
  return SPEC_PRESETS[name].spec();
}

async function loadSpec(file: string | undefined, preset: string | undefined): Promise<PreprocessingSpec> {
  if (file !== undefined && preset !== undefined) throw usageError('Give --spec FILE or --preset NAME, not both.');
  const { parseSpecJson } = await loadSpecModule();
  if (!file) return presetSpec(preset ?? 'default');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw usageError(`Cannot read the spec ${file}: ${(e as Error).message}`);
  }
  return parseSpecJson(text, file);
}

function summary(result: DatasetFeatures, files: WrittenTable, hash: string, harmonized: CliHarmonization | null): string {
  const { table, dataset } = result;
  const lines = [
    `${dataset.recordings} recordings: ${table.rows.length} in the table, ${table.errors.length} failed.`,
    `Table: ${files.table} (${files.format}, ${table.columns.length} columns: ${table.featureColumns.length} features over ${table.channels.length} channels)`,
    `Spec:  ${files.spec} (${hash})`,
    ...(harmonized ? harmonizationSummary(harmonized) : []),
  ];
  for (const e of table.errors) lines.push(`  FAILED ${e.path}: ${e.message} [${e.code}]`);
  return `${lines.join('\n')}\n`;
}

export const featuresCommand: CliCommand = {
  path: ['features'],
  args: 'DATASET',
  summary: 'Compute the feature table (one row per recording) of a BIDS folder or zip under a preprocessing spec.',
  options: {
    spec: { type: 'string', placeholder: 'SPEC.json', description: 'preprocessing spec (default: the built-in one; see --print-default-spec)' },
    out: { type: 'string', placeholder: 'FILE.csv', description: 'where to write the table (default: features.csv); FILE.arrow or FILE.feather writes Apache Arrow IPC; the spec goes beside it as FILE.spec.json' },
    preset: { type: 'string', placeholder: 'NAME', description: `a named spec instead of --spec: ${PRESET_HELP}; default: default` },
    'print-default-spec': { type: 'boolean', description: 'print the default preprocessing spec (or the --preset one) as JSON and exit' },
    harmonize: {
      type: 'string',
      placeholder: '[PARAMS.json]',
      optionalValue: /\.json$/i,
      description: 'ComBat across sites: alone, fit it on the table and write FILE.combat.json; with a .json file, apply those parameters (see docs/harmonization.md)',
    },
  },
  async run(ctx) {
    const { specHash } = await loadSpecModule();
    const specFile = typeof ctx.values.spec === 'string' ? ctx.values.spec : undefined;
    const preset = typeof ctx.values.preset === 'string' ? ctx.values.preset : undefined;
    if (ctx.values['print-default-spec']) {
      if (specFile !== undefined) throw usageError('--print-default-spec prints a built-in spec: give --preset NAME, not --spec.');
      ctx.io.stdout(`${JSON.stringify(await presetSpec(preset ?? 'default'), null, 2)}\n`);
      return 0;
    }
    const target = ctx.positionals[0];
    if (!target || ctx.positionals.length > 1) throw usageError('Give exactly one DATASET: a BIDS folder or a zip holding one.');
    const spec = await loadSpec(specFile, preset);
    const hash = specHash(spec);
    const out = path.resolve(typeof ctx.values.out === 'string' ? ctx.values.out : 'features.csv');
    const harmonize = ctx.values.harmonize as string | undefined;
    const fitted = harmonize ? await readParamsFor(path.resolve(harmonize), spec) : null;
    ctx.io.stderr(`Spec ${hash}\n`);
    const { datasetFeatures } = await import('../../../pipelines/features/dataset-features');
    const { writeFeatureTable } = await import('../../../pipelines/features/write-table');
    const result = await datasetFeatures(path.resolve(target), spec, {
      recording: (i, n, p) => ctx.io.stderr(`[${i + 1}/${n}] ${p}\n`),
      step: (_p, step) => ctx.io.stderr(`        ${step}\n`),
    });
    const harmonized = harmonize !== undefined && result.table.rows.length > 0 ? await harmonizeForCli(result.table, spec, fitted, out) : null;
    const table = harmonized?.table ?? result.table;
    const files = await writeFeatureTable(out, table, spec);
    for (const w of harmonized?.warnings ?? []) ctx.io.stderr(`WARNING ${w.message}\n`);
    if (ctx.json) {
      ctx.io.stdout(
        `${JSON.stringify(
          {
            dataset: result.dataset,
            specHash: hash,
            files,
            columns: table.columns,
            rows: table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i]]))),
            errors: table.errors,
            ...(harmonized ? { harmonization: harmonizationJson(harmonized) } : {}),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      ctx.io.stdout(summary(result, files, hash, harmonized));
    }
    if (result.dataset.recordings === 0) ctx.io.stderr('No EEG recording in the dataset.\n');
    return result.table.errors.length > 0 || result.table.rows.length === 0 ? 1 : 0;
  },
};

/**
 * `table.csv`, a load stage for `ml_pipeline`: a feature table from a CSV file
 * (what `neuroops features` writes, or any table with one row per example), the
 * label taken from one column. Key and quality columns are kept as row keys, not
 * features; every other column must be numeric in every row (an empty or
 * non-numeric cell is refused, never filled). A spec written beside the table
 * (`FILE.spec.json`) travels with it, so the model carries its preprocessing.
 */
import fs from 'node:fs/promises';
import { z } from 'zod';
import { PipelineError } from '../../errors';
import { parseCsv } from '../../features/read-csv';
import { QUALITY_COLUMNS } from '../../features/table';
import { parseSpec, specHash, type PreprocessingSpec } from '../../preprocess/spec';
import { defineStage, type Dataset } from '../ml-pipeline/stage';

/** Columns that describe a row rather than measure it. */
const KEY_COLUMNS = ['participant_id', 'subject', 'session', 'task', 'run', 'group', 'site', 'age', 'sex'];

export interface TableDataset extends Dataset {
  /** participant_id (or the row number) of each row: rows of one subject stay on one side of a split. */
  ids: string[];
  /** Per-row key columns by name (site, age, sex…). */
  keys: Record<string, Array<string | number | null>>;
  spec?: PreprocessingSpec;
  specHash?: string;
}

const asKey = (v: string): string | number | null => (v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);

async function specBeside(file: string, explicit: string | undefined): Promise<PreprocessingSpec | undefined> {
  const candidate = explicit ?? file.replace(/\.csv$/i, '.spec.json');
  let text: string;
  try {
    text = await fs.readFile(candidate, 'utf8');
  } catch (error) {
    if (explicit) throw new PipelineError('MISSING_SPEC', `Cannot read the spec ${explicit}: ${(error as Error).message}`);
    return undefined;
  }
  const json = JSON.parse(text) as { spec?: unknown };
  // `neuroops features` writes {specHash, spec}; a bare spec is accepted too.
  return parseSpec(json.spec ?? json);
}

export function datasetFromCsv(text: string, where: string, label: string): Omit<TableDataset, 'spec' | 'specHash'> {
  const { header, rows } = parseCsv(text, where);
  const labelAt = header.indexOf(label);
  if (labelAt < 0) throw new PipelineError('MISSING_LABEL', `${where} has no column "${label}" to learn; its columns: ${header.slice(0, 12).join(', ')}${header.length > 12 ? '…' : ''}.`);
  const notFeatures = new Set([label, ...KEY_COLUMNS, ...QUALITY_COLUMNS]);
  const featureCols = header.map((name, i) => ({ name, i })).filter((c) => !notFeatures.has(c.name));
  if (featureCols.length === 0) throw new PipelineError('NO_FEATURES', `${where} has no feature columns besides its keys and "${label}".`);
  const labelled = rows.filter((r) => r[labelAt] !== '');
  if (labelled.length === 0) throw new PipelineError('NO_ROWS', `No row of ${where} has a "${label}".`);
  const X = labelled.map((r, n) =>
    featureCols.map(({ name, i }) => {
      const v = r[i]!.trim();
      const x = v === '' ? NaN : Number(v);
      if (!Number.isFinite(x)) {
        throw new PipelineError('INVALID_FEATURES', `${where}, row ${n + 1}: column "${name}" is "${v}", not a number. Every feature must be numeric in every row (drop the column or the row).`);
      }
      return x;
    }),
  );
  const keyCols = header.map((name, i) => ({ name, i })).filter((c) => c.name !== label && notFeatures.has(c.name));
  const idAt = header.indexOf('participant_id');
  return {
    featureNames: featureCols.map((c) => c.name),
    X,
    y: labelled.map((r) => r[labelAt]!),
    ids: labelled.map((r, n) => (idAt >= 0 && r[idAt] ? r[idAt]! : `row-${n + 1}`)),
    keys: Object.fromEntries(keyCols.map(({ name, i }) => [name, labelled.map((r) => asKey(r[i]!))])),
  };
}

export const tableCsv = defineStage({
  kind: 'load',
  name: 'table.csv',
  description: 'A feature table from a CSV file, labelled by one of its columns; a FILE.spec.json beside it is carried with the model.',
  args: z.object({
    path: z.string().min(1),
    label: z.string().min(1).default('group'),
    /** The preprocessing spec the features were made with (default: FILE.spec.json beside the table, if any). */
    spec: z.string().min(1).optional(),
  }),
  async run(_input: unknown, args, ctx): Promise<TableDataset> {
    let text: string;
    try {
      text = await fs.readFile(args.path, 'utf8');
    } catch (error) {
      throw new PipelineError('MISSING_TABLE', `Cannot read the feature table ${args.path}: ${(error as Error).message}`);
    }
    const data = datasetFromCsv(text, args.path, args.label);
    const spec = await specBeside(args.path, args.spec);
    if (spec) ctx.log.param('spec_hash', specHash(spec));
    else ctx.logger.warn(`No preprocessing spec beside ${args.path}: the model will not know how its features were made, so it cannot predict from recordings.`);
    return { ...data, ...(spec ? { spec, specHash: specHash(spec) } : {}) };
  },
});

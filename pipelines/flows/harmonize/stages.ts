/**
 * `harmonize.combat`, a process stage for `ml_pipeline`: ComBat across sites
 * (neuroHarmonize's model, docs/harmonization.md) on the Dataset a load stage
 * gave, with each row's site and covariates taken from its `keys`. It fits on
 * the rows, or applies parameters fitted before (`params`, a PARAMS.json).
 * The parameters travel on with the Dataset (`harmonization`), so a trained
 * model can carry them, and are logged as an artifact of the stage's run.
 */
import { z } from 'zod';
import { PipelineError } from '../../errors';
import {
  applyCombat,
  checkSameFeatures,
  featureSpecHash,
  fitCombat,
  harmonizationOf,
  readCombatParams,
  type CombatInput,
  type CombatParams,
  type HarmonizationOptions,
  type HarmonizationWarning,
} from '../../harmonize';
import type { PreprocessingSpec } from '../../preprocess/spec';
import { defineStage, type Dataset, type StageDef } from '../ml-pipeline/stage';

export interface HarmonizableDataset extends Dataset {
  /** The preprocessing spec of the features, when the load stage made them (eeg.bids_features does). */
  spec?: PreprocessingSpec;
}

export interface HarmonizedDataset extends HarmonizableDataset {
  harmonization: CombatParams;
}

export interface DatasetHarmonization {
  dataset: HarmonizedDataset;
  mode: 'fit' | 'apply';
  warnings: HarmonizationWarning[];
}

function combatInput(data: HarmonizableDataset, options: HarmonizationOptions): CombatInput {
  const keys = data.keys ?? {};
  const site = keys[options.batch];
  if (!site) {
    throw new PipelineError(
      'MISSING_COVARIATE',
      `The rows have no "${options.batch}" to harmonize across: load them with a stage that keeps participants.tsv's columns (eeg.bids_features does).`,
    );
  }
  const ids = keys['participant_id'];
  return {
    features: data.featureNames,
    rows: data.X,
    sites: site.map((s) => (s === null ? null : String(s))),
    covariates: Object.fromEntries(options.covariates.flatMap((c) => (keys[c.column] ? [[c.column, keys[c.column]!]] : []))),
    labels: data.X.map((_, i) => (ids ? String(ids[i]) : `row ${i + 1}`)),
  };
}

/**
 * ComBat on a Dataset: fits on its rows when `params` is null, applies them
 * otherwise. Options come from the Dataset's spec (or the defaults). A pure
 * function, so other process stages can chain it.
 */
export function harmonizeDataset(data: HarmonizableDataset, params: CombatParams | null, options: HarmonizationOptions = harmonizationOf(data.spec)): DatasetHarmonization {
  if (!data || !Array.isArray(data.X) || !Array.isArray(data.featureNames)) {
    throw new PipelineError('BAD_STAGE_INPUT', 'harmonize.combat needs a Dataset from a load stage.');
  }
  if (params) {
    checkSameFeatures(params, data.spec, 'The harmonization parameters');
    const applied = applyCombat(params, combatInput(data, { ...options, batch: params.batch, covariates: params.covariates }), options);
    const X = applied.rows.map((r) => Array.from(r));
    return { dataset: { ...data, X, harmonization: params }, mode: 'apply', warnings: applied.warnings };
  }
  const fitted = fitCombat(combatInput(data, options), options, data.spec ? featureSpecHash(data.spec) : null);
  return { dataset: { ...data, X: fitted.rows.map((r) => Array.from(r)), harmonization: fitted.params }, mode: 'fit', warnings: [] };
}

export const combatStage = defineStage({
  kind: 'process',
  name: 'harmonize.combat',
  description: 'ComBat across sites (neuroHarmonize): site as the batch, age and sex as covariates; fits on the rows, or applies a PARAMS.json fitted before.',
  args: z.object({
    /** A PARAMS.json (from `neuroops features --harmonize` or an earlier run) to apply instead of fitting. */
    params: z.string().min(1).optional(),
    /** Overrides the spec's harmonization.unknownSite. */
    unknownSite: z.enum(['refuse', 'pass']).optional(),
  }),
  async run(input: HarmonizableDataset, args, ctx): Promise<HarmonizedDataset> {
    const params = args.params ? await readCombatParams(args.params) : null;
    const spec = harmonizationOf(input?.spec);
    const options = { ...spec, unknownSite: args.unknownSite ?? spec.unknownSite };
    const { dataset, mode, warnings } = harmonizeDataset(input, params, options);
    const fit = dataset.harmonization;
    ctx.log.param('harmonization', `combat ${mode}`);
    ctx.log.param('harmonization_sites', fit.sites.join(','));
    ctx.log.param('harmonization_covariates', fit.designColumns.slice(fit.sites.length).join(',') || '(none)');
    ctx.log.metric('rows_uncorrected', warnings.length);
    ctx.log.json('combat.json', fit);
    if (warnings.length) {
      for (const w of warnings) ctx.logger.warn(`${w.message} [${w.code}]`);
      ctx.log.json('combat-warnings.json', warnings);
    }
    return dataset;
  },
});

export const harmonizeStages: readonly StageDef[] = [combatStage];

/**
 * The harmonization options of the preprocessing spec (its `harmonization`
 * key). They say how ComBat is fitted and applied when harmonization is asked
 * for (`neuroops features --harmonize`, the `harmonize.combat` stage); they do
 * not switch it on. A spec without the key gets these defaults. Every key is
 * documented in docs/harmonization.md.
 */
import { z } from 'zod';

export const covariateSchema = z.strictObject({
  /** A column of the feature table (from participants.tsv), e.g. `age`. */
  column: z.string().min(1),
  /** numeric: used as is; categorical: one indicator per level but the first (sorted). */
  kind: z.enum(['numeric', 'categorical']),
});

export const harmonizationSchema = z.strictObject({
  method: z.literal('combat'),
  /** The column whose values are the batches (sites). */
  batch: z.string().min(1),
  covariates: z.array(covariateSchema),
  /** Parametric empirical Bayes estimates of the site effects (neuroHarmonize's default); false: the plain per-site estimates. */
  empiricalBayes: z.boolean(),
  /** A recording of a site the fit never saw: `refuse` it, or `pass` it uncorrected with a warning. */
  unknownSite: z.enum(['refuse', 'pass']),
});

export type CovariateSpec = z.infer<typeof covariateSchema>;
export type HarmonizationOptions = z.infer<typeof harmonizationSchema>;

/** neuroHarmonize's model as the original platform used it: site as the batch, age and sex as covariates. */
export function defaultHarmonization(): HarmonizationOptions {
  return {
    method: 'combat',
    batch: 'site',
    covariates: [
      { column: 'age', kind: 'numeric' },
      { column: 'sex', kind: 'categorical' },
    ],
    empiricalBayes: true,
    unknownSite: 'refuse',
  };
}

/** The spec's options, or the defaults when the spec has none. */
export function harmonizationOf(spec: { harmonization?: HarmonizationOptions | undefined } | null | undefined): HarmonizationOptions {
  return spec?.harmonization ?? defaultHarmonization();
}

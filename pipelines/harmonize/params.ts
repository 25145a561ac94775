/**
 * The fitted ComBat model as it is stored: a versioned JSON document that
 * carries everything needed to apply it to new recordings (the feature names in
 * order, the sites, the covariate encoding, the coefficients and the site
 * effects) and the fit's intermediate estimates, for inspection.
 */
import { z } from 'zod';
import { PipelineError } from '../errors';

export const COMBAT_FORMAT = 'neuroops.combat';

const vector = z.array(z.number());
const perSite = z.array(vector);

const encodedCovariate = z.discriminatedUnion('kind', [
  z.strictObject({ column: z.string().min(1), kind: z.literal('numeric') }),
  /** `levels` sorted; the first is the reference, the others have a design column each. */
  z.strictObject({ column: z.string().min(1), kind: z.literal('categorical'), levels: z.array(z.string()).min(1) }),
]);

export const combatParamsSchema = z.strictObject({
  format: z.literal(COMBAT_FORMAT),
  version: z.literal(1),
  /** Whose equations: neuroHarmonize's harmonizationLearn without smooth terms or a reference site. */
  model: z.literal('neuroHarmonize'),
  empiricalBayes: z.boolean(),
  /** The hash of the preprocessing spec that made the fitted table, leaving out its harmonization options (which do not change the features); null when unknown. */
  featureSpecHash: z.string().nullable(),
  batch: z.string().min(1),
  sites: z.array(z.string()).min(2),
  rowsPerSite: z.array(z.number().int().positive()),
  covariates: z.array(encodedCovariate),
  /** Site indicators, then each covariate's columns, e.g. `site[A]`, `age`, `sex[M]`. */
  designColumns: z.array(z.string()),
  features: z.array(z.string()).min(1),
  /** Least-squares coefficients: one row per design column, one value per feature. */
  coefficients: perSite,
  grandMean: vector,
  varPooled: vector,
  /** The site effects applied: location (gamma*) and scale (delta*), one row per site. */
  gammaStar: perSite,
  deltaStar: perSite,
  /** The per-site estimates before shrinkage, and the priors (null without empirical Bayes). */
  estimates: z.strictObject({
    gammaHat: perSite,
    deltaHat: perSite,
    gammaBar: vector.nullable(),
    t2: vector.nullable(),
    aPrior: vector.nullable(),
    bPrior: vector.nullable(),
  }),
});

export type CombatParams = z.infer<typeof combatParamsSchema>;
export type EncodedCovariate = z.infer<typeof encodedCovariate>;

function refuse(source: string, message: string): never {
  throw new PipelineError('INVALID_HARMONIZATION', `${source}: ${message}`);
}

/** Checks a params object (already read from JSON), shapes included. */
export function parseCombatParams(value: unknown, source = 'the harmonization parameters'): CombatParams {
  const result = combatParamsSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    refuse(source, `${issue.path.join('.') || '(the document)'}: ${issue.message}`);
  }
  const p = result.data;
  const nF = p.features.length;
  const nS = p.sites.length;
  const lengths: Array<[string, number[][], number]> = [
    ['coefficients', p.coefficients, p.designColumns.length],
    ['gammaStar', p.gammaStar, nS],
    ['deltaStar', p.deltaStar, nS],
  ];
  for (const [key, rows, count] of lengths) {
    if (rows.length !== count || rows.some((r) => r.length !== nF)) refuse(source, `${key} must be ${count} rows of ${nF} values (one per feature).`);
  }
  if (p.grandMean.length !== nF || p.varPooled.length !== nF) refuse(source, `grandMean and varPooled must hold ${nF} values (one per feature).`);
  if (p.rowsPerSite.length !== nS) refuse(source, `rowsPerSite must hold ${nS} counts (one per site).`);
  return p;
}

export function parseCombatParamsJson(text: string, source = 'the harmonization parameters'): CombatParams {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new PipelineError('INVALID_HARMONIZATION', `${source} is not valid JSON: ${(e as Error).message}`);
  }
  return parseCombatParams(value, source);
}

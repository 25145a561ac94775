/**
 * What the `predict` flow needs of a model, read once from its neuroops.json by
 * the service that resolved it: the preprocessing spec its features were made
 * with, its features in order, its harmonization parameters and the statistics
 * of its training rows. Plain data, so it travels in the flow's params.
 */
import { z } from 'zod';

export const trainingFeatureStatsSchema = z.object({
  name: z.string(),
  mean: z.number(),
  std: z.number(),
  min: z.number(),
  max: z.number(),
  quantiles: z.record(z.string(), z.number()),
});

export const predictModelSchema = z.object({
  name: z.string(),
  version: z.number().int(),
  /** The spec object; it is parsed (and checked) by the flow. */
  spec: z.unknown(),
  specHash: z.string(),
  featureNames: z.array(z.string()).min(1),
  /** ComBat's parameters (pipelines/harmonize) when the training rows were harmonized, else null. */
  harmonization: z.unknown().nullable(),
  /** Per feature of the model, the training rows' statistics (after harmonization); empty when the model has none. */
  trainingStats: z.array(trainingFeatureStatsSchema),
});

export type PredictModel = z.infer<typeof predictModelSchema>;
export type TrainingFeatureStats = z.infer<typeof trainingFeatureStatsSchema>;

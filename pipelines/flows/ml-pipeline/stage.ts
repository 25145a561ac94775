import type { z } from 'zod';
import type { TaskContext } from '../task';

/** The three pluggable steps of a training pipeline, in the order they run. */
export const STAGE_KINDS = ['load', 'process', 'train'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/**
 * The table that travels between stages: one row per example (a recording, an epoch…),
 * one column per feature, and a label per row. Stages may pass anything structured-
 * cloneable, but with this shape the pipeline logs rows and columns in and out by itself.
 */
export interface Dataset {
  featureNames: string[];
  X: number[][];
  y: string[];
  /**
   * Per-row key columns by name (participant_id, site, age, sex…) when the load
   * stage knows them, e.g. for harmonization across sites.
   */
  keys?: Record<string, Array<string | number | null>>;
}

/**
 * One implementation of a stage: a named, typed function with a schema for its arguments.
 * A new pipeline is a module of these plus a line in stage-catalog.ts; the orchestration
 * (ml-pipeline/flow.ts) never changes.
 */
export interface StageDef<A = unknown, In = unknown, Out = unknown> {
  readonly kind: StageKind;
  /** Unique, `<module>.<function>`, e.g. `example.zscore`. Flows refer to stages by it. */
  readonly name: string;
  readonly description: string;
  readonly args: z.ZodType<A>;
  // Method syntax on purpose: it lets a catalog hold stages of every type.
  run(input: In, args: A, ctx: TaskContext): Out | Promise<Out>;
}

export function defineStage<A, In, Out>(def: StageDef<A, In, Out>): StageDef<A, In, Out> {
  return def;
}

export interface Shape {
  rows: number;
  cols: number;
}

/** Rows and columns of a Dataset or a matrix; null for anything else (a trained model, say). */
export function shapeOf(value: unknown): Shape | null {
  if (value && typeof value === 'object' && 'X' in value && Array.isArray((value as Dataset).X)) {
    const data = value as Dataset;
    return { rows: data.X.length, cols: Array.isArray(data.featureNames) ? data.featureNames.length : (data.X[0]?.length ?? 0) };
  }
  if (Array.isArray(value) && value.every(Array.isArray)) {
    return { rows: value.length, cols: (value[0] as unknown[] | undefined)?.length ?? 0 };
  }
  return null;
}

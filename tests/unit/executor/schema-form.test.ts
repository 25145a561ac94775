import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defaultsOf, fieldsOf, numberProblem, parseNumberInput, type JsonSchema } from '../../../renderer/pages/pipelines/schema-form';
import { mlPipelineParams } from '../../../pipelines/flows/ml-pipeline/flow';
import { createCore } from '../../../main/app/core';
import { tempDir } from '../../support/temp-dir';

const schemaOf = (type: z.ZodType): JsonSchema => z.toJSONSchema(type, { unrepresentable: 'any', io: 'input' }) as JsonSchema;

describe('a form from a params schema', () => {
  it('has fields with kinds, bounds, enums and defaults', () => {
    const schema = schemaOf(
      z.object({
        subjects: z.number().int().min(4).max(100).default(60),
        rate: z.number().optional(),
        mode: z.enum(['fast', 'exact']).default('fast'),
        label: z.string(),
        verbose: z.boolean().default(false),
        extra: z.array(z.string()).default([]),
      }),
    );
    expect(fieldsOf(schema)).toEqual([
      { key: 'subjects', kind: 'number', integer: true, min: 4, max: 100, required: false, description: undefined },
      { key: 'rate', kind: 'number', integer: false, min: undefined, max: undefined, required: false, description: undefined },
      { key: 'mode', kind: 'enum', options: ['fast', 'exact'], required: false, description: undefined },
      { key: 'label', kind: 'string', required: true, description: undefined },
      { key: 'verbose', kind: 'boolean', required: false, description: undefined },
      { key: 'extra', kind: 'json', required: false, description: undefined },
    ]);
    expect(defaultsOf(schema)).toEqual({ subjects: 60, mode: 'fast', verbose: false, extra: [] });
  });

  it("makes ml_pipeline's load, process and train stage pickers", () => {
    expect(fieldsOf(schemaOf(mlPipelineParams)).map((f) => `${f.key}:${f.kind}`)).toEqual(['load:stage', 'process:stage', 'train:stage', 'experiment:string']);
  });

  it('checks numbers as the schema bounds them', () => {
    const field = fieldsOf(schemaOf(z.object({ n: z.number().int().min(4).max(10) })))[0] as Extract<ReturnType<typeof fieldsOf>[number], { kind: 'number' }>;
    expect([numberProblem(field, 3), numberProblem(field, 11), numberProblem(field, 4.5), numberProblem(field, 7), numberProblem(field, undefined)]).toEqual([
      'At least 4.', 'At most 10.', 'A whole number.', null, 'Required.',
    ]);
    expect([parseNumberInput(''), parseNumberInput('12'), parseNumberInput('1e3'), parseNumberInput('x')]).toEqual([undefined, 12, 1000, undefined]);
  });
});

describe('executor.listStages', () => {
  it("lists every stage of the catalogue with its kind and args schema, for ml_pipeline's pickers", async () => {
    const core = await createCore({ dataDir: tempDir() });
    try {
      const stages = await core.dispatcher.invoke('executor.listStages', {});
      expect(new Set(stages.map((s) => s.kind))).toEqual(new Set(['load', 'process', 'train']));
      for (const stage of stages) {
        expect(stage.name).toMatch(/^\w+\.\w+/);
        expect((stage.argsSchema as JsonSchema).type).toBe('object');
      }
      // A params object built from the first stage of each kind with its default args is one ml_pipeline accepts.
      const pick = (kind: string) => {
        const stage = stages.find((s) => s.kind === kind && s.defaultArgs !== null)!;
        return { fn: stage.name, args: stage.defaultArgs };
      };
      expect(mlPipelineParams.safeParse({ load: pick('load'), process: pick('process'), train: pick('train') }).success).toBe(true);
    } finally {
      await core.close();
    }
  });
});

import { z } from 'zod';
import { defineFlow } from '../pipelines/flows/flow';
import { createRegistry } from '../pipelines/flows/registry';
import { defineTask } from '../pipelines/flows/task';

/** Flows for the executor benchmarks; workers load this module by URL. */

export const tiny = defineTask<number, number>({ name: 'bench.tiny', version: '1', run: (n) => n + 1 });

/** About `work` million loop steps of arithmetic: CPU-bound, no I/O, no allocation. */
export const spin = defineTask<{ work: number }, number>({
  name: 'bench.spin',
  version: '1',
  run({ work }) {
    let x = 0;
    for (let i = 0; i < work * 1_000_000; i++) x = (x * 31 + i) % 1_000_003;
    return x;
  },
});

export const fanOut = defineFlow({
  name: 'fan_out',
  version: '1',
  description: 'n tiny tasks at once',
  params: z.object({ n: z.number().int().min(1) }),
  tasks: [tiny],
  run: ({ n }, ctx) => Promise.all(Array.from({ length: n }, (_, i) => ctx.task(tiny, i))),
});

export const cpuBound = defineFlow({
  name: 'cpu_bound',
  version: '1',
  description: 'n CPU-bound tasks, all at once or one after another',
  params: z.object({ n: z.number().int().min(1), work: z.number(), oneAtATime: z.boolean() }),
  tasks: [spin],
  async run({ n, work, oneAtATime }, ctx) {
    if (!oneAtATime) return Promise.all(Array.from({ length: n }, () => ctx.task(spin, { work })));
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await ctx.task(spin, { work }));
    return out;
  },
});

export const registry = createRegistry([fanOut, cpuBound]);

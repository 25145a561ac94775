import { z } from 'zod';
import { readRecording } from '../pipelines/eeg/open';
import { defineFlow } from '../pipelines/flows/flow';
import { createRegistry } from '../pipelines/flows/registry';
import { defineTask } from '../pipelines/flows/task';
import { runChain } from '../pipelines/preprocess/run-chain';
import { defaultSpec, type PreprocessingSpec } from '../pipelines/preprocess/spec';

/** Flows for bench/features.bench.ts; workers load this module by URL. */

/** The bench's steps: read, notch, band-pass, average reference, 5 s epochs without rejection, band power only (what MNE's side does). */
export function benchSpec(): PreprocessingSpec {
  const spec = defaultSpec();
  spec.features = spec.features.filter((f) => f.name === 'power');
  const kept = new Set(['pick_eeg', 'line_noise', 'bandpass', 'average_reference', 'epochs']);
  spec.steps = spec.steps.filter((s) => kept.has(s.name));
  for (const s of spec.steps) if (s.name === 'epochs') for (const c of Object.values(s.params.rejection)) c.enabled = false;
  for (const s of spec.steps) if (s.name === 'epochs') s.params.minEpochs = 1;
  // MNE's side takes the plain average; the default's robust (PREP) reference is timed in bench/bad-channels.bench.ts.
  for (const s of spec.steps) if (s.name === 'average_reference') s.params.method = 'average';
  return spec;
}

/** Read, filter, reference, epochs and band power of one file: what the bench times. */
export async function benchChain(path: string): Promise<{ features: Map<string, number>; channel0: string }> {
  const recording = await readRecording(path);
  const channelsTsv = recording.channels.map((c) => ({ name: c.name, type: 'EEG', status: 'good' }));
  const result = runChain({ recording, channelsTsv, powerLineFrequency: 60, label: 'bench' }, benchSpec());
  return { features: result.features, channel0: result.channels[0]! };
}

export const chainTask = defineTask<{ path: string }, number>({
  name: 'bench.features_chain',
  version: '1',
  async run({ path }) {
    return (await benchChain(path)).features.size;
  },
});

export const recordingsFlow = defineFlow({
  name: 'bench_features',
  version: '1',
  description: 'the bench chain on each file, all at once on the pool or one after another',
  params: z.object({ paths: z.array(z.string()), oneAtATime: z.boolean() }),
  tasks: [chainTask],
  async run({ paths, oneAtATime }, ctx) {
    if (!oneAtATime) return Promise.all(paths.map((path) => ctx.task(chainTask, { path })));
    const out: number[] = [];
    for (const path of paths) out.push(await ctx.task(chainTask, { path }));
    return out;
  },
});

export const registry = createRegistry([recordingsFlow]);

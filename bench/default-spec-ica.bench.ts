/**
 * What switching ICA + wICA on would cost the default spec:
 * `npx tsx bench/default-spec-ica.bench.ts [--minutes N] [--subject I]`
 *
 * One 19-channel recording from the demo generator (pipelines/demo, 128 Hz, 5 minutes
 * by default: scalp-mixed sources, blinks, line noise), run through the default spec,
 * then through the default spec with `ica` and `wica` on, twice each, single-threaded.
 * Prints each step's time, the ratio of the two chains (best of two runs each) and
 * whether FastICA converged. docs/preprocessing.md (6a) records the figures and the
 * decision they support.
 */
import { demoCohort } from '../pipelines/demo/cohort';
import { DEMO_SFREQ, demoRecording } from '../pipelines/demo/recording';
import { runChain } from '../pipelines/preprocess/run-chain';
import { defaultSpec, type PreprocessingSpec } from '../pipelines/preprocess/spec';
import { recordingOf } from '../tests/support/synthetic-recording';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SECONDS = arg('--minutes', 5) * 60;
const subject = demoCohort()[arg('--subject', 0)]!;
const generated = demoRecording(subject, SECONDS);

/** As a reader gives it (float32 samples), a fresh copy for each run of the chain. */
const recording = () => recordingOf(generated.channels.map((name) => [name, 'EEG']), generated.data.map((x) => Float32Array.from(x)), DEMO_SFREQ);

function timedChain(spec: PreprocessingSpec): { total: number; steps: string; ica: string } {
  const times: Array<[string, number]> = [];
  let stage = '';
  let t = performance.now();
  const start = t;
  const mark = (next: string): void => {
    const now = performance.now();
    if (stage) times.push([stage, (now - t) / 1000]);
    stage = next;
    t = now;
  };
  const result = runChain({ recording: recording(), channelsTsv: [], powerLineFrequency: 60, label: 'bench' }, spec, mark);
  mark('');
  const ica = result.reports.find((r) => r.step === 'ica')?.details;
  return {
    total: (performance.now() - start) / 1000,
    steps: times.map(([s, v]) => `${s} ${v.toFixed(2)}`).join(', '),
    ica: ica ? `FastICA ${ica.converged ? 'converged' : 'did not converge'} after ${String(ica.iterations)} iterations` : '',
  };
}

const withArtifacts = defaultSpec();
for (const s of withArtifacts.steps) if (s.name === 'ica' || s.name === 'wica') s.enabled = true;
console.log(`Default spec with and without ICA + wICA: ${generated.channels.length} channels × ${SECONDS / 60} min at ${DEMO_SFREQ} Hz, demo subject sub-${subject.id} (node ${process.version})`);
const best = { off: Infinity, on: Infinity };
for (let round = 0; round < 2; round++) {
  const off = timedChain(defaultSpec());
  const on = timedChain(withArtifacts);
  best.off = Math.min(best.off, off.total);
  best.on = Math.min(best.on, on.total);
  console.log(`  default       ${off.total.toFixed(2)} s (${off.steps})`);
  console.log(`  + ica + wica  ${on.total.toFixed(2)} s (${on.steps}); ${on.ica}`);
}
console.log(`  → ICA + wICA make the chain ${(best.on / best.off).toFixed(1)}× as long (+${(best.on - best.off).toFixed(1)} s per recording)`);

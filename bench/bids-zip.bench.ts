/**
 * BIDS zips: `npx tsx bench/bids-zip.bench.ts [--quick] [--skip-adm-zip] [--refusal-only | --inspection-only]`
 *
 * 1. Refusal of a 17 MB zip of 200,000 empty entries (written by Python's zipfile, as
 *    in the probe that found the problem): the time to refuse it, and the longest
 *    stall of the event loop meanwhile (a 1 ms timer standing in for /api/health).
 *    References in the same run: `unzip -Z1` listing it, and adm-zip parsing its
 *    central directory, which is what the extractor did before counting entries.
 * 2. Inspection of large BIDS zips built from the demo dataset's sidecars with
 *    generated one-hour EDFs, zipped by Info-ZIP `zip -1` (deflate), at two sizes:
 *    `neuroops inspect` of the zip against `unzip` of the zip plus the same
 *    inspection of the extracted folder, in the same run (best of 3). Peak RSS is
 *    measured in a fresh process per case, for the zip at both sizes and the folder.
 *
 * Targets: refusal in well under 1 s without stalling the loop; the zip inspected no
 * slower than `unzip` + folder inspection; peak RSS independent of the zip's size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, createWriteStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import { inspectPath } from '../pipelines/eeg';
import { extractZip } from '../pipelines/zip';

const HERE = fileURLToPath(import.meta.url);
const DEMO = resolve(HERE, '../../resources/demo/bids');
const CHANNELS = readFileSync(join(DEMO, 'sub-01/eeg/sub-01_task-rest_channels.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]!);
const RATE = 128;
const SECONDS = 3600;
const quick = process.argv.includes('--quick');
const SIZES = quick ? [2, 6] : [8, 24]; // subjects; ~17.5 MB of EDF each

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

/** A plain EDF with the demo's channels, written record by record from a few noise records. */
async function writeEdf(path: string): Promise<void> {
  const field = (t: string, w: number) => t.padEnd(w, ' ').slice(0, w);
  const ns = CHANNELS.length;
  const per = (v: (i: number) => string, w: number) => Array.from({ length: ns }, (_, i) => field(v(i), w)).join('');
  let h = field('0', 8) + field('X X X X', 80) + field('Startdate 01-JAN-2024 X X bench', 80) + '01.01.2409.00.00';
  h += field(String(256 * (ns + 1)), 8) + field('', 44) + field(String(SECONDS), 8) + field('1', 8) + field(String(ns), 4);
  h += per((i) => CHANNELS[i]!, 16) + per(() => 'AgAgCl electrode', 80) + per(() => 'uV', 8);
  h += per(() => '-500', 8) + per(() => '500', 8) + per(() => '-32768', 8) + per(() => '32767', 8);
  h += per(() => 'HP:0.1Hz LP:40Hz', 80) + per(() => String(RATE), 8) + per(() => '', 32);
  // Low-amplitude noise around a slow wave: compresses about as well as real EEG.
  const variants = Array.from({ length: 7 }, (_, v) => {
    const b = Buffer.alloc(ns * RATE * 2);
    for (let i = 0; i < ns * RATE; i++) b.writeInt16LE(Math.round(800 * Math.sin((i + v * 17) / 9) + (Math.random() - 0.5) * 400), i * 2);
    return b;
  });
  const out = createWriteStream(path, { highWaterMark: 1024 * 1024 });
  out.write(Buffer.from(h, 'latin1'));
  for (let r = 0; r < SECONDS; r++) if (!out.write(variants[r % variants.length])) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** The demo dataset's layout and sidecars, with `subjects` one-hour recordings. */
async function makeDataset(root: string, subjects: number): Promise<void> {
  mkdirSync(root, { recursive: true });
  for (const f of ['dataset_description.json', 'README', 'participants.json']) copyFileSync(join(DEMO, f), join(root, f));
  const sidecar = JSON.parse(readFileSync(join(DEMO, 'task-rest_eeg.json'), 'utf8'));
  writeFileSync(join(root, 'task-rest_eeg.json'), JSON.stringify({ ...sidecar, RecordingDuration: SECONDS }, null, 2));
  const rows = ['participant_id\tgroup\tage\tsex\tsite'];
  for (let s = 1; s <= subjects; s++) {
    const id = `sub-${String(s).padStart(2, '0')}`;
    rows.push(`${id}\t${s % 2 ? 'HC' : 'ACr'}\t${60 + s}\t${s % 2 ? 'F' : 'M'}\tsiteA`);
    const dir = join(root, id, 'eeg');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(DEMO, 'sub-01/eeg/sub-01_task-rest_channels.tsv'), join(dir, `${id}_task-rest_channels.tsv`));
    copyFileSync(join(DEMO, 'sub-01/eeg/sub-01_task-rest_events.tsv'), join(dir, `${id}_task-rest_events.tsv`));
    await writeEdf(join(dir, `${id}_task-rest_eeg.edf`));
  }
  writeFileSync(join(root, 'participants.tsv'), rows.join('\n') + '\n');
}

async function best(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min / 1000;
}

/** Runs `fn` while a 1 ms timer measures the longest the event loop went without turning. */
async function withLoopWatch(fn: () => Promise<unknown>): Promise<{ seconds: number; maxStallMs: number; outcome: string }> {
  let last = performance.now();
  let maxStallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  const outcome = await fn().then(() => 'accepted', (e: unknown) => `${(e as { code?: string }).code ?? 'error'}: ${(e as Error).message}`);
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(timer);
  return { seconds, maxStallMs, outcome };
}

/** Peak RSS of a fresh process that inspects `path` once. */
function peakRss(path: string): { seconds: number; maxRssMB: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', HERE, '--child', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

async function child(path: string): Promise<void> {
  const t0 = performance.now();
  const report = await inspectPath(path);
  if (report.kind !== 'dataset') throw new Error('not a dataset');
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

async function refusal(dir: string): Promise<void> {
  const zip = join(dir, 'many.zip');
  execFileSync('/usr/bin/python3', ['-c', `import zipfile\nwith zipfile.ZipFile(${JSON.stringify(zip)}, 'w') as z:\n    for i in range(200000): z.writestr('e%d' % i, b'')`]);
  console.log(`\n200,000 empty entries: ${mb(statSync(zip).size)} zip`);
  // The first call also loads and compiles the reader; the best of the next five is the steady state.
  const first = await withLoopWatch(() => extractZip(zip, join(dir, 'many-out')));
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await withLoopWatch(() => extractZip(zip, join(dir, 'many-out'))));
  const ours = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const worstStall = Math.max(first.maxStallMs, ...runs.map((r) => r.maxStallMs));
  const viaInspect = await withLoopWatch(() => inspectPath(zip));
  const unzipList = await best(1, () => execFileSync('unzip', ['-Z1', zip], { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'ignore', 'ignore'] }));
  console.log(`  ours (extractZip):   refused in ${(ours.seconds * 1000).toFixed(1)} ms (first call ${(first.seconds * 1000).toFixed(1)} ms), longest event-loop stall over the six ${worstStall.toFixed(1)} ms — ${ours.outcome}`);
  console.log(`  ours (inspect):      refused in ${(viaInspect.seconds * 1000).toFixed(1)} ms, longest event-loop stall ${viaInspect.maxStallMs.toFixed(1)} ms`);
  console.log(`  reference unzip -Z1: ${(unzipList * 1000).toFixed(0)} ms to list it`);
  if (process.argv.includes('--skip-adm-zip')) return;
  const rss0 = process.memoryUsage().rss;
  const adm = await withLoopWatch(async () => new AdmZip(zip).getEntries().length);
  console.log(`  reference adm-zip (the old reader) parsing the directory before counting: ${adm.seconds.toFixed(1)} s, stall ${adm.maxStallMs.toFixed(0)} ms, RSS +${mb(process.memoryUsage().rss - rss0)}`);
  console.log(`  ratio: ours ${(adm.seconds / ours.seconds).toFixed(0)}× faster than the old reader; ${(unzipList / ours.seconds).toFixed(0)}× faster than unzip's listing`);
}

async function inspection(dir: string): Promise<void> {
  const rss: string[] = [];
  for (const subjects of SIZES) {
    const ds = join(dir, `ds${subjects}`);
    await makeDataset(ds, subjects);
    const zip = join(dir, `ds${subjects}.zip`);
    execFileSync('zip', ['-q', '-r', '-1', zip, `ds${subjects}`], { cwd: dir });
    const zipBytes = statSync(zip).size;
    const ours = await best(3, () => inspectPath(zip));
    let unzipped = Infinity;
    for (let i = 0; i < 3; i++) {
      const out = join(dir, `unzip-${subjects}-${i}`);
      unzipped = Math.min(unzipped, await best(1, () => execFileSync('unzip', ['-q', zip, '-d', out])));
      await rm(out, { recursive: true, force: true });
    }
    const folder = await best(3, () => inspectPath(ds));
    const reference = unzipped + folder;
    console.log(`\n${subjects} subjects: ${mb(zipBytes)} zip (deflate), ${mb(subjects * (256 * 20 + SECONDS * CHANNELS.length * RATE * 2))} of EDF`);
    console.log(`  ours: inspect the zip ${ours.toFixed(2)} s`);
    console.log(`  reference: unzip ${unzipped.toFixed(2)} s + inspect the folder ${folder.toFixed(2)} s = ${reference.toFixed(2)} s`);
    console.log(`  ratio ours / reference: ${(ours / reference).toFixed(2)} (target ≤ 1)`);
    const zipRss = peakRss(zip);
    const folderRss = peakRss(ds);
    rss.push(`${mb(zipBytes)} zip: peak RSS ${zipRss.maxRssMB.toFixed(0)} MB (the extracted folder: ${folderRss.maxRssMB.toFixed(0)} MB)`);
    await rm(ds, { recursive: true, force: true });
    await rm(zip, { force: true });
  }
  console.log('\nPeak RSS, a fresh process inspecting once:');
  for (const line of rss) console.log(`  ${line}`);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--child');
  if (at > 0) return child(process.argv[at + 1]!);
  const dir = await mkdtemp(join(tmpdir(), 'neuroops-bench-zip-'));
  try {
    if (!process.argv.includes('--inspection-only')) await refusal(dir);
    if (!process.argv.includes('--refusal-only')) await inspection(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

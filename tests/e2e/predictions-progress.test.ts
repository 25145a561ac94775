/**
 * The Predictions page while a job runs, on `neuroops serve` with a production model: a
 * dataset of eight 8-minute recordings keeps the executor's worker busy for several
 * seconds, long enough to watch the live progress: the stages in order, the count of
 * recordings preprocessed and its bar rising, each recording's own step in its row (one
 * preprocessed while others still wait), then the finished results.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSubjects, prepareProductionModel, zipDemoBids } from '../support/prediction-data';
import { seriousViolations } from './support/axe';
import { launchBrowser, openPage } from './support/browser';
import { startServe, type ServeProcess } from './support/server';

const RECORDINGS = 8;
/** Eight minutes each, a usual resting-state length: about half a second of preprocessing per recording on an idle 2-core machine, more when busy. */
const SECONDS = 480;
/** One worker on any machine, so recordings are preprocessed one after another: some always wait while others are done. */
const WORKERS = '1';

const STAGES = ['validate', 'preprocess', 'harmonize', 'inference', 'audit', 'done'];
const RECORDING_STEPS = ['pending', 'preprocessing', 'preprocessed, waiting for the others', 'harmonizing', 'running the model'];
const PREPROCESSED = 'preprocessed, waiting for the others';

/** What the page shows of a job at one moment, read in one go so the parts agree. */
interface Snapshot {
  state: string | null;
  /** The job's stage, while its progress is shown. */
  stage: string | null;
  text: string | null;
  /** The stage bar's value (percent) when it is determinate. */
  bar: number | null;
  /** Each recording's label cell: its step while running, then its label. */
  steps: string[];
}

type Watched = Window & { progressSnapshot?: () => Snapshot; progressSeen?: Snapshot[] };

/**
 * Makes `window.progressSnapshot()` read the job's progress, and keeps in
 * `window.progressSeen` every distinct snapshot the page rendered from now on, so the
 * test can check the order of what a user saw, not only the moments it polled.
 */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as Watched;
    w.progressSnapshot = () => {
      const text = (selector: string, root: ParentNode = document) => root.querySelector(selector)?.textContent ?? null;
      const progress = document.querySelector('[data-testid="job-progress"]');
      const bar = progress?.querySelector('[data-testid="stage-progress-bar"]')?.getAttribute('aria-valuenow');
      return {
        state: document.querySelector('[data-testid="job-results"]')?.getAttribute('data-state') ?? null,
        stage: progress?.getAttribute('data-stage') ?? null,
        text: progress ? text('[data-testid="stage-progress"]', progress) : null,
        bar: bar ? Number(bar) : null,
        steps: Array.from(document.querySelectorAll('[data-testid="result-row"]'), (row) => text('[data-testid="result-label"]', row) ?? ''),
      };
    };
    w.progressSeen = [];
    let last = '';
    new MutationObserver(() => {
      const now = w.progressSnapshot!();
      const key = JSON.stringify(now);
      if (now.state !== null && key !== last) w.progressSeen!.push(now);
      last = key;
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state', 'data-stage', 'aria-valuenow'] });
  });
}

const snapshot = (page: Page): Promise<Snapshot> => page.evaluate(() => (window as Watched).progressSnapshot!());
const seen = (page: Page): Promise<Snapshot[]> => page.evaluate(() => (window as Watched).progressSeen!);

/** Recordings preprocessed, as the stage's text counts them. */
function preprocessedCount(s: Snapshot): number | null {
  const match = /^(\d+) of (\d+) recordings preprocessed · (\d+) preprocessing · (\d+) waiting$/.exec(s.text ?? '');
  return match ? Number(match[1]) : null;
}

/** Whether `items` follow the order of `order` (repeats allowed, nothing going back). */
function inOrder(items: string[], order: string[]): boolean {
  const ranks = items.map((item) => order.indexOf(item));
  return ranks.every((rank, i) => rank >= 0 && (i === 0 || rank >= ranks[i - 1]!));
}

describe('the Predictions page while a job runs', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let zipPath: string;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-e2e-progress-'));
    await prepareProductionModel(dataDir);
    serve = await startServe(['--workers', WORKERS], {}, { dataDir });
    browser = await launchBrowser();
    // Not the people the model was trained on, whose features the data folder has cached: every recording is preprocessed.
    zipPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'neuroops-e2e-progress-zip-')), 'long-recordings.zip');
    fs.writeFileSync(zipPath, zipDemoBids(demoSubjects(RECORDINGS), undefined, SECONDS));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (zipPath) fs.rmSync(path.dirname(zipPath), { recursive: true, force: true });
  });

  it('shows the stage, the recordings preprocessed and each recording step advancing, then the results', async () => {
    const { page, errors } = await openPage(browser, `${serve.url}#/predictions`);
    await expect.poll(() => page.getByTestId('chosen-model').textContent()).toContain('Production');
    await page.getByTestId('dataset-file-input').setInputFiles(zipPath);
    await expect.poll(() => page.getByTestId('validation-summary').textContent(), { timeout: 60_000 }).toMatch(new RegExp(`^long-recordings\\.zip: ${RECORDINGS} recordings in \\d+ files · 0 errors`));
    await expect.poll(() => page.getByTestId('run-prediction').isEnabled()).toBe(true);

    await watchProgress(page);
    await page.getByTestId('run-prediction').click();

    // Part way through preprocessing: some recordings are done and say so in their rows while
    // others still wait or run, and the stage's count and bar agree with the rows.
    const partWay = (s: Snapshot): boolean => {
      const done = preprocessedCount(s);
      return s.state === 'running' && s.stage === 'preprocess' && done !== null && done > 0 && done < RECORDINGS;
    };
    await expect.poll(() => snapshot(page), { timeout: 60_000, interval: 100 }).toSatisfy(partWay);
    const first = (await seen(page)).find(partWay)!;
    const done = preprocessedCount(first)!;
    expect(first.steps.filter((step) => step === PREPROCESSED)).toHaveLength(done);
    expect(first.steps.some((step) => step === 'pending' || step === 'preprocessing')).toBe(true);
    expect(first.bar).toBeCloseTo((100 * done) / RECORDINGS, 6);
    expect(first.text).toMatch(new RegExp(`^${done} of ${RECORDINGS} recordings preprocessed`));
    expect(await page.getByRole('progressbar', { name: 'Preprocess progress' }).count()).toBe(1);
    // The live view (stepper, stage bar, rows mid-way) is accessible too.
    expect(await seriousViolations(page)).toEqual([]);

    const results = page.getByTestId('job-results');
    await expect.poll(() => results.getAttribute('data-state'), { timeout: 120_000, interval: 250 }).toBe('completed');
    expect(await page.getByTestId('job-progress').count()).toBe(0);
    const rows = page.getByTestId('result-row');
    expect(await rows.count()).toBe(RECORDINGS);
    for (let i = 0; i < RECORDINGS; i += 1) {
      expect(await rows.nth(i).getAttribute('data-status')).toBe('ok');
      expect(await rows.nth(i).getByTestId('result-label').textContent()).toMatch(/^(HC|MCI)$/);
    }

    // What the page showed while the job ran, in order: the stages never went back, the
    // count of recordings preprocessed (and its bar with it) only rose and took at least two
    // values between none and all, and each recording went through its steps in order.
    const running = (await seen(page)).filter((s) => s.state === 'running' && s.stage !== null);
    expect(inOrder(running.map((s) => s.stage!), STAGES)).toBe(true);
    const preprocessing = running.filter((s) => s.stage === 'preprocess');
    const counts = preprocessing.map((s) => preprocessedCount(s)!);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counts.filter((n) => n > 0 && n < RECORDINGS)).size).toBeGreaterThanOrEqual(2);
    preprocessing.forEach((s, i) => expect(s.bar).toBeCloseTo((100 * counts[i]!) / RECORDINGS, 6));
    for (let i = 0; i < RECORDINGS; i += 1) {
      const steps = running.map((s) => s.steps[i]!);
      expect(inOrder(steps, RECORDING_STEPS), `recording ${i + 1}: ${[...new Set(steps)].join(' → ')}`).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

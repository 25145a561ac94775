import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../main/db/database';
import { createRegistryService } from '../../../main/services/registry/create-registry-service';
import { createTrackingService } from '../../../main/services/tracking/create-tracking-service';
import { errorCodeOf, openRegistry, type RegistryFixture } from './support';

let fx: RegistryFixture;
afterEach(() => fx?.close());

const stages = () => fx.registry.listVersions('m').map((v) => `${v.version}:${v.currentStage}`);

describe('promotion to production', () => {
  it('sets the production alias and stage, archives the previous version, and records who, when, why and both metrics', async () => {
    fx = openRegistry({ actor: 'dr.lee' });
    await fx.registerVersion('m', { accuracy: 0.8, loss: 0.5 });
    await fx.registerVersion('m', { accuracy: 0.85, loss: 0.4 });

    const first = fx.registry.promote({ name: 'm', version: 1, reason: 'baseline for the pilot' });
    expect(first.transition).toMatchObject({ kind: 'promote', fromVersion: null, toVersion: 1, actor: 'dr.lee', reason: 'baseline for the pilot' });
    expect(first.version).toMatchObject({ currentStage: 'Production', aliases: ['production'] });

    const before = Date.now();
    const second = fx.registry.promote({ name: 'm', version: 2, reason: 'better on site B', actor: 'dr.kim' });
    expect(stages()).toEqual(['2:Production', '1:Archived']);
    expect(fx.registry.getVersionByAlias('m', 'production').version).toBe(2);
    expect(second.transition).toMatchObject({
      kind: 'promote',
      fromVersion: 1,
      toVersion: 2,
      fromStage: 'None',
      toStage: 'Production',
      actor: 'dr.kim',
      reason: 'better on site B',
      metrics: { from: { accuracy: 0.8, loss: 0.5 }, to: { accuracy: 0.85, loss: 0.4 } },
    });
    expect(second.transition.at).toBeGreaterThanOrEqual(before);
    expect(fx.registry.history('m').map((t) => `${t.kind} ${t.fromVersion}->${t.toVersion}`)).toEqual(['promote 1->2', 'promote null->1']);
  });

  it('keeps the metrics of the moment, even if the runs log more later', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', { accuracy: 0.8 });
    fx.registry.promote({ name: 'm', version: 1, reason: 'first' });
    await fx.tracking.logMetric(fx.registry.getVersion('m', 1).runId!, { key: 'accuracy', value: 0.1, timestamp: Date.now(), step: 1 });
    expect(fx.registry.history('m')[0]!.metrics.to).toEqual({ accuracy: 0.8 });
  });

  it('rolls back in one action to the previous production version, and walks further back on a second rollback', async () => {
    fx = openRegistry();
    for (const accuracy of [0.7, 0.8, 0.9]) await fx.registerVersion('m', { accuracy });
    for (const version of [1, 2, 3]) fx.registry.promote({ name: 'm', version, reason: `release ${version}` });

    const back = fx.registry.rollback({ name: 'm', reason: 'v3 misclassifies site C' });
    expect(back.transition).toMatchObject({ kind: 'rollback', fromVersion: 3, toVersion: 2, reason: 'v3 misclassifies site C', metrics: { from: { accuracy: 0.9 }, to: { accuracy: 0.8 } } });
    expect(stages()).toEqual(['3:Archived', '2:Production', '1:Archived']);

    expect(fx.registry.rollback({ name: 'm' }).transition).toMatchObject({ fromVersion: 2, toVersion: 1, reason: 'Rolled back from version 2' });
    expect(fx.registry.getVersionByAlias('m', 'production').version).toBe(1);
    const error = await errorCodeOf(() => fx.registry.rollback({ name: 'm' }));
    expect(error).toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    expect(error.message).toContain('no earlier version');
    expect(fx.registry.history('m').map((t) => t.kind)).toEqual(['rollback', 'rollback', 'promote', 'promote', 'promote']);
  });

  it('refuses a rollback with nothing in production', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    expect((await errorCodeOf(() => fx.registry.rollback({ name: 'm' }))).message).toContain('nothing to roll back');
  });

  it('refuses to promote a version that does not exist, of a model that does not exist, or without a reason', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    expect((await errorCodeOf(() => fx.registry.promote({ name: 'm', version: 9, reason: 'x' })))).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
    expect((await errorCodeOf(() => fx.registry.promote({ name: 'ghost', version: 1, reason: 'x' })))).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
    expect((await errorCodeOf(() => fx.registry.promote({ name: 'm', version: 1, reason: '   ' }))).message).toContain('needs a reason');
    expect(fx.registry.history('m')).toEqual([]);
    expect(stages()).toEqual(['1:None']);
  });

  it('refuses to promote a version whose run failed, or whose registration failed', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', { accuracy: 0.9 }, 'FAILED');
    const failedRun = await errorCodeOf(() => fx.registry.promote({ name: 'm', version: 1, reason: 'x' }));
    expect(failedRun.code).toBe('INVALID_PARAMETER_VALUE');
    expect(failedRun.message).toContain('is FAILED');

    const { runId } = await fx.tracking.createRun({ experimentId: '0' });
    await fx.tracking.putArtifact(runId, 'model/model.onnx', 'garbage');
    await fx.tracking.setTerminated(runId);
    await fx.registry.createVersion({ name: 'm', source: `runs:/${runId}/model` });
    const failedRegistration = await errorCodeOf(() => fx.registry.promote({ name: 'm', version: 2, reason: 'x' }));
    expect(failedRegistration.message).toContain('registration failed');
    expect(fx.registry.previewPromotion('m', 2).blocker).toContain('registration failed');
    expect(fx.registry.history('m')).toEqual([]);
  });

  it('refuses to promote the version already in production', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    fx.registry.promote({ name: 'm', version: 1, reason: 'x' });
    expect((await errorCodeOf(() => fx.registry.promote({ name: 'm', version: 1, reason: 'again' }))).message).toContain('already in production');
  });

  it('refuses to delete the version in production', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    fx.registry.promote({ name: 'm', version: 1, reason: 'x' });
    expect((await errorCodeOf(() => fx.registry.deleteVersion('m', 1))).message).toContain('in production');
  });
});

describe('the promotion gate', () => {
  it('blocks a candidate worse than production on the chosen metric unless overridden with a reason', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', { auc: 0.9, loss: 0.3 });
    await fx.registerVersion('m', { auc: 0.85, loss: 0.2 });
    fx.registry.setGate('m', { metric: 'auc', direction: 'higher' });
    fx.registry.promote({ name: 'm', version: 1, reason: 'first' });

    expect(fx.registry.previewPromotion('m', 2)).toMatchObject({
      candidate: { version: 2, metrics: { auc: 0.85 } },
      production: { version: 1, metrics: { auc: 0.9 } },
      gate: { metric: 'auc', candidate: 0.85, production: 0.9, passed: false },
      blocker: null,
    });
    const blocked = await errorCodeOf(() => fx.registry.promote({ name: 'm', version: 2, reason: 'lower loss' }));
    expect(blocked.code).toBe('GATE_FAILED');
    expect(blocked.message).toContain('auc');
    expect(fx.registry.getVersionByAlias('m', 'production').version).toBe(1);

    const forced = fx.registry.promote({ name: 'm', version: 2, reason: 'lower loss', gateOverrideReason: 'auc within noise; loss matters here' });
    expect(forced.transition.gate).toEqual({ metric: 'auc', direction: 'higher', candidate: 0.85, production: 0.9, passed: false, overrideReason: 'auc within noise; loss matters here' });
  });

  it('lets an equal or better candidate through, honours "lower is better", and fails a candidate without the metric', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', { loss: 0.3 });
    await fx.registerVersion('m', { loss: 0.3 });
    await fx.registerVersion('m', { loss: 0.35 });
    await fx.registerVersion('m', { accuracy: 1 });
    fx.registry.setGate('m', { metric: 'loss', direction: 'lower' });
    fx.registry.promote({ name: 'm', version: 1, reason: 'first: nothing to beat' });
    expect(fx.registry.promote({ name: 'm', version: 2, reason: 'equal' }).transition.gate?.passed).toBe(true);
    expect((await errorCodeOf(() => fx.registry.promote({ name: 'm', version: 3, reason: 'worse' }))).code).toBe('GATE_FAILED');
    expect((await errorCodeOf(() => fx.registry.promote({ name: 'm', version: 4, reason: 'no loss' }))).message).toContain('has no loss');
  });
});

describe('concurrent promotions', () => {
  it('of two promotions decided against the same production, exactly one wins and the history stays consistent', async () => {
    fx = openRegistry();
    for (let i = 0; i < 3; i += 1) await fx.registerVersion('m', { accuracy: 0.8 + i / 100 });
    fx.registry.promote({ name: 'm', version: 1, reason: 'start' });

    const outcomes = await Promise.allSettled([
      Promise.resolve().then(() => fx.registry.promote({ name: 'm', version: 2, reason: 'a', expectedProduction: 1 })),
      Promise.resolve().then(() => fx.registry.promote({ name: 'm', version: 3, reason: 'b', expectedProduction: 1 })),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const loser = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'RESOURCE_CONFLICT' });
    expect(fx.registry.listVersions('m').filter((v) => v.currentStage === 'Production')).toHaveLength(1);
    const history = fx.registry.history('m');
    expect(history).toHaveLength(2);
    expect(history[0]!.fromVersion).toBe(1);
    expect(fx.registry.getVersionByAlias('m', 'production').version).toBe(history[0]!.toVersion);
  });

  it('two processes on one data folder: the second writer sees the first one\'s production and loses', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    await fx.registerVersion('m', {});
    fx.tracking.flush();
    // A second connection to the same file, as the CLI has beside a running app.
    const { db: other } = openDatabase(path.join(fx.dir, 'neuroops.db'));
    try {
      const otherRegistry = createRegistryService({ db: other, runs: createTrackingService({ db: other, artifactsDir: path.join(fx.dir, 'artifacts') }), defaultActor: 'cli' });
      fx.registry.promote({ name: 'm', version: 1, reason: 'app', expectedProduction: null });
      const error = await errorCodeOf(() => otherRegistry.promote({ name: 'm', version: 2, reason: 'cli', expectedProduction: null }));
      expect(error.code).toBe('RESOURCE_CONFLICT');
      expect(otherRegistry.history('m').map((t) => t.actor)).toEqual(['tester']);
    } finally {
      closeDatabase(other);
    }
  });
});

describe('the production alias moved by hand', () => {
  it('is recorded in the history too, so the trail has no gaps', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    await fx.registerVersion('m', {});
    fx.registry.promote({ name: 'm', version: 1, reason: 'x' });
    fx.registry.setAlias('m', 'production', 2, { actor: 'mlflow-script' });
    fx.registry.deleteAlias('m', 'production');
    expect(fx.registry.history('m').map((t) => `${t.kind} ${t.fromVersion}->${t.toVersion} by ${t.actor}`)).toEqual([
      'alias 2->null by tester',
      'alias 1->2 by mlflow-script',
      'promote null->1 by tester',
    ]);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../main/db/database';
import { trackerFrom } from '../../../main/services/executor/tracking-adapter';
import { createTrackingService } from '../../../main/services/tracking/create-tracking-service';
import { tempDir } from '../../support/temp-dir';

describe('the executor\'s view of the tracker', () => {
  it('creates runs in the experiment that has the name now, after the remembered one was deleted', async () => {
    const dir = tempDir();
    const { db } = openDatabase(path.join(dir, 'neuroops.db'));
    const tracking = createTrackingService({ db, artifactsDir: path.join(dir, 'artifacts') });
    const tracker = trackerFrom(tracking);
    const spec = { experimentName: 'flows', runName: 'first', startTime: Date.now(), tags: {} };

    const first = await tracker.startRun(spec);
    const oldExperiment = tracking.getRun(first).info.experimentId;
    await tracking.deleteExperiment(oldExperiment);

    const second = await tracker.startRun({ ...spec, runName: 'second' });
    const newExperiment = tracking.getRun(second).info.experimentId;
    expect(newExperiment).not.toBe(oldExperiment);
    expect(tracking.getExperiment(newExperiment)).toMatchObject({ name: 'flows', lifecycleStage: 'active' });

    // A run that fails for another reason still fails.
    await expect(tracker.startRun({ ...spec, parentRunId: 'no-such-run' })).rejects.toMatchObject({ code: expect.any(String) });
    tracking.flush();
    closeDatabase(db);
  });
});

import { AppError } from '../../core/app-error';
import { isRemoteError } from './remote-error';
import type { PushContext } from './push-context';

interface RemoteExperiment {
  experiment: { experiment_id: string; lifecycle_stage?: string };
}

/**
 * The remote experiment for a local one, matched by name and created when missing. A
 * create that races another client (RESOURCE_ALREADY_EXISTS) reads the winner's id.
 */
export async function remoteExperimentId(ctx: PushContext, experimentId: string): Promise<string> {
  const mapped = ctx.store.remoteExperiment(ctx.remotePk, experimentId);
  if (mapped) return mapped;
  const experiment = ctx.tracking.getExperiment(experimentId);
  const byName = async (): Promise<string | null> => {
    try {
      const found = await ctx.client.call<RemoteExperiment>('GET', 'experiments/get-by-name', { query: { experiment_name: experiment.name }, what: `finding experiment "${experiment.name}"` });
      if (found.experiment.lifecycle_stage === 'deleted') {
        throw new AppError('INVALID_STATE', `Experiment "${experiment.name}" is deleted on the remote; restore it there (or rename the local one) and sync again.`);
      }
      return found.experiment.experiment_id;
    } catch (error) {
      if (isRemoteError(error) && error.code === 'RESOURCE_DOES_NOT_EXIST') return null;
      throw error;
    }
  };
  let remoteId = await byName();
  if (remoteId) ctx.report.experiments.matched += 1;
  else {
    try {
      const tags = experiment.tags.filter((t) => !t.key.startsWith('mlflow.'));
      remoteId = (await ctx.client.call<{ experiment_id: string }>('POST', 'experiments/create', { body: { name: experiment.name, tags }, what: `creating experiment "${experiment.name}"` })).experiment_id;
      ctx.report.experiments.created += 1;
    } catch (error) {
      if (!(isRemoteError(error) && error.code === 'RESOURCE_ALREADY_EXISTS')) throw error;
      remoteId = await byName();
      if (!remoteId) throw error;
      ctx.report.experiments.matched += 1;
    }
  }
  ctx.store.setRemoteExperiment(ctx.remotePk, experimentId, remoteId);
  return remoteId;
}

import type { predictionProcedures } from '../../contract/predictions';
import type { Handler } from '../../core/dispatcher';
import { writeExportFile } from '../export/write-export-file';
import type { PredictionService } from './predictions-service';
import { resultsCsv } from './results-files';

type PredictionHandlers = { [N in keyof typeof predictionProcedures]: Handler<N> };

/** The predictions part of the app API: thin, the service holds the rules. */
export function predictionHandlers(service: PredictionService): PredictionHandlers {
  return {
    'predictions.validate': ({ uploadId }) => service.validate(uploadId),
    'predictions.start': ({ uploadId, model }, ctx) => service.start(uploadId, model, ctx.user),
    'predictions.startPath': ({ path, model }, ctx) => service.startPath(path, model, ctx.user),
    'predictions.get': ({ id }) => service.get(id),
    'predictions.cancel': ({ id }) => service.cancel(id),
    'predictions.list': ({ limit, offset, ...filter }) => service.list(filter, limit, offset),
    'predictions.labelCounts': (filter) => service.labelCounts(filter),
    'predictions.recording': ({ id, index }) => service.recording(id, index),
    'predictions.models': () => service.models(),
    'predictions.exportCsv': async ({ path, ...query }) => {
      const jobs = service.exportJobs(query);
      const written = await writeExportFile(path, [resultsCsv(jobs)]);
      return { ...written, rows: jobs.reduce((n, job) => n + job.recordings.length, 0) };
    },
  };
}

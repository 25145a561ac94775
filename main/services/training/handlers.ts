import type { Handler } from '../../core/dispatcher';
import type { TrainingService } from './training-service';

/** The training part of the app API: thin, the service holds the rules. */
export function trainingHandlers(training: TrainingService) {
  const startDemo: Handler<'training.startDemo'> = (input, ctx) => training.start('demo', input, ctx.user);
  const start: Handler<'training.start'> = ({ source, ...options }, ctx) => training.start(source, options, ctx.user);
  const startUpload: Handler<'training.startUpload'> = ({ uploadId, ...options }, ctx) => training.start({ kind: 'upload', uploadId }, options, ctx.user);
  const get: Handler<'training.get'> = ({ flowRunId }) => training.get(flowRunId);
  return { 'training.startDemo': startDemo, 'training.start': start, 'training.startUpload': startUpload, 'training.get': get };
}

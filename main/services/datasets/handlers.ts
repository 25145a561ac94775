import path from 'node:path';
import { inspectPath } from '../../../pipelines/eeg';
import { AppError } from '../../core/app-error';
import type { Handler } from '../../core/dispatcher';
import { identifyPath } from './identify-path';

/** Identification and inspection of datasets on this computer, for the desktop window's drops and Open dialogs. */
export function datasetHandlers() {
  const identify: Handler<'datasets.identify'> = ({ path: target }) => identifyPath(target);
  const inspect: Handler<'datasets.inspect'> = async ({ path: target }) => {
    const report = await inspectPath(path.resolve(target));
    if (report.kind !== 'dataset') {
      throw new AppError('NOT_RECOGNIZED', `${report.path} is a single recording; open the BIDS dataset (folder or zip) that holds it.`);
    }
    return report;
  };
  return { 'datasets.identify': identify, 'datasets.inspect': inspect };
}

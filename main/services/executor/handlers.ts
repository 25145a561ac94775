import type { ExecutorConfig } from '../../contract/executor';
import type { Handler } from '../../core/dispatcher';
import type { Executor } from './executor';
import { stageList } from './stage-list';

/**
 * The executor's part of the app API: thin, every rule lives in the Executor. `sources`
 * says where each setting came from, which only the core (that resolved them) knows.
 */
export function executorHandlers(executor: Executor, sources: ExecutorConfig['sources']) {
  const listFlows: Handler<'executor.listFlows'> = () => executor.listFlows();
  const listStages: Handler<'executor.listStages'> = () => stageList();
  const startFlowRun: Handler<'executor.startFlowRun'> = (input, ctx) => executor.start(input.flowName, input.params, null, ctx.user);
  const listFlowRuns: Handler<'executor.listFlowRuns'> = (input) => executor.listFlowRuns(input);
  const getFlowRun: Handler<'executor.getFlowRun'> = (input) => executor.getFlowRun(input.flowRunId);
  const cancelFlowRun: Handler<'executor.cancelFlowRun'> = (input) => executor.cancel(input.flowRunId);
  const retryFlowRun: Handler<'executor.retryFlowRun'> = (input, ctx) => executor.retry(input.flowRunId, ctx.user);
  const listLogs: Handler<'executor.listLogs'> = (input) => executor.logs(input);
  const config: Handler<'executor.config'> = () => ({ ...executor.config(), sources });
  return {
    'executor.listFlows': listFlows,
    'executor.listStages': listStages,
    'executor.startFlowRun': startFlowRun,
    'executor.listFlowRuns': listFlowRuns,
    'executor.getFlowRun': getFlowRun,
    'executor.cancelFlowRun': cancelFlowRun,
    'executor.retryFlowRun': retryFlowRun,
    'executor.listLogs': listLogs,
    'executor.config': config,
  };
}

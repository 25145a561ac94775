import { PipelineError } from '../errors';
import type { FlowDef } from './flow';
import type { TaskDef } from './task';

export type AnyTask = TaskDef;
export type AnyFlow = FlowDef;

/**
 * Flows by name, and their tasks by name. The executor's main thread and every worker load
 * the same registry module, so a task name in a message is enough to find its code.
 */
export interface FlowRegistry {
  readonly flows: readonly AnyFlow[];
  flow(name: string): AnyFlow | undefined;
  task(name: string): AnyTask | undefined;
}

export function createRegistry(flows: readonly AnyFlow[]): FlowRegistry {
  const flowsByName = new Map<string, AnyFlow>();
  const tasksByName = new Map<string, AnyTask>();
  for (const flow of flows) {
    if (flowsByName.has(flow.name)) throw new PipelineError('DUPLICATE_NAME', `Two flows are named "${flow.name}"; flow names must be unique.`);
    flowsByName.set(flow.name, flow);
    for (const task of flow.tasks) {
      const known = tasksByName.get(task.name);
      if (known && known !== task) {
        throw new PipelineError('DUPLICATE_NAME', `Two different tasks are named "${task.name}"; task names must be unique in a registry.`);
      }
      tasksByName.set(task.name, task);
    }
  }
  return {
    flows: [...flowsByName.values()],
    flow: (name) => flowsByName.get(name),
    task: (name) => tasksByName.get(name),
  };
}

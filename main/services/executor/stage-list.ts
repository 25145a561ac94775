import { listStages } from '../../../pipelines/flows/ml-pipeline/stage-catalog';
import type { StageInfo } from '../../contract/executor';
import { formSchema } from './form-schema';

/** The stage catalogue for forms: each stage's args as JSON Schema, and the args it takes by default. */
export function stageList(): StageInfo[] {
  return listStages().map((stage) => {
    const { schema, defaults } = formSchema(stage.args);
    return { name: stage.name, kind: stage.kind, description: stage.description, argsSchema: schema, defaultArgs: defaults };
  });
}

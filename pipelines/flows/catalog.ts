import { examplePipelineFlow } from './example/flow';
import { featuresFlow } from './features/flow';
import { mlPipelineFlow } from './ml-pipeline/flow';
import { predictFlow } from './predict/flow';
import { createRegistry } from './registry';

/** The flows NeuroOps ships. The executor and its workers load this module by default. */
export const flowCatalog = createRegistry([mlPipelineFlow, examplePipelineFlow, featuresFlow, predictFlow]);

import { describe, expect, it } from 'vitest';
import { locateModel } from '../../../main/services/registry/model-source';
import { inputExampleJson } from '../../../main/services/bundles/input-example';

describe('where a version source points', () => {
  it.each([
    ['runs:/abc123/model', null, { runId: 'abc123', artifactPath: 'model' }],
    ['runs:/abc123/nested/model/', 'abc123', { runId: 'abc123', artifactPath: 'nested/model' }],
    ['mlflow-artifacts:/0/abc123/artifacts/model', null, { runId: 'abc123', artifactPath: 'model' }],
    ['mlflow-artifacts://12/abc123/artifacts/deep/model', 'abc123', { runId: 'abc123', artifactPath: 'deep/model' }],
  ])('%s is run and path', (source, runId, expected) => {
    expect(locateModel(source, runId)).toEqual(expected);
  });

  it.each([
    ['s3://bucket/model', null],
    ['/home/me/model', null],
    ['runs:/abc123/model', 'another-run'],
  ])('%s (run %s) is outside this tracker', (source, runId) => {
    expect(locateModel(source, runId)).toBeNull();
  });
});

describe('the input example of a bundle', () => {
  it("is the model directory's own example when it has one", () => {
    expect(JSON.parse(inputExampleJson({ features: [[1, 2]] }, undefined)!)).toEqual({ inputs: { features: [[1, 2]] } });
  });

  it('is otherwise one row of zeros shaped like each input, and absent without a signature', () => {
    const inputs = JSON.stringify([{ type: 'tensor', name: 'x', 'tensor-spec': { dtype: 'float32', shape: [-1, 2, 3] } }]);
    expect(JSON.parse(inputExampleJson(undefined, inputs)!)).toEqual({ inputs: { x: [[[0, 0, 0], [0, 0, 0]]] } });
    expect(inputExampleJson(undefined, undefined)).toBeNull();
  });
});

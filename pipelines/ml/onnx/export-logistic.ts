/**
 * A standardized logistic regression as ONNX: Scaler (offset = mean,
 * scale = 1/std) then LinearClassifier. Two classes are written as two weight
 * vectors (−w, −b) and (w, b) with the logistic post-transform, so the outputs
 * are σ(−z) = 1 − σ(z) and σ(z), exactly the model's probabilities; more classes
 * use the softmax post-transform.
 */
import { PipelineError } from '../../errors';
import type { LogisticRegressionModel } from '../logistic-regression';
import type { StandardScaler } from '../scaler';
import {
  ONNX_INPUT, ONNX_LABEL, ONNX_PROBABILITIES, floatsAttr, intAttr, intsAttr, mlNode, stringAttr, writeClassifierModel,
  type ClassifierModelInfo,
} from './onnx-model';

export function checkModelInfo(info: ClassifierModelInfo, nFeatures: number, nClasses: number): void {
  if (info.featureNames.length !== nFeatures) {
    throw new PipelineError('FEATURE_MISMATCH', `The model has ${nFeatures} features but ${info.featureNames.length} feature names were given.`);
  }
  if (info.classes.length !== nClasses) {
    throw new PipelineError('INVALID_PARAMETER', `The model has ${nClasses} classes but ${info.classes.length} class names were given.`);
  }
}

export function exportLogisticRegressionOnnx(scaler: StandardScaler, model: LogisticRegressionModel, info: ClassifierModelInfo): Uint8Array {
  const d = model.nFeatures;
  const K = model.nClasses;
  checkModelInfo(info, d, K);
  if (scaler.mean.length !== d) {
    throw new PipelineError('FEATURE_MISMATCH', `The scaler has ${scaler.mean.length} features but the model ${d}.`);
  }
  let coefficients: number[];
  let intercepts: number[];
  if (K === 2) {
    const w = Array.from(model.coef);
    coefficients = [...w.map((v) => -v), ...w];
    intercepts = [-model.intercept[0]!, model.intercept[0]!];
  } else {
    coefficients = Array.from(model.coef);
    intercepts = Array.from(model.intercept);
  }
  const nodes = [
    mlNode('Scaler', [ONNX_INPUT], ['standardized'], [
      floatsAttr('offset', scaler.mean),
      floatsAttr('scale', Array.from(scaler.scale, (s) => 1 / s)),
    ]),
    mlNode('LinearClassifier', ['standardized'], [ONNX_LABEL, ONNX_PROBABILITIES], [
      floatsAttr('coefficients', coefficients),
      floatsAttr('intercepts', intercepts),
      intsAttr('classlabels_ints', Array.from({ length: K }, (_, k) => k)),
      intAttr('multi_class', 0),
      stringAttr('post_transform', K === 2 ? 'LOGISTIC' : 'SOFTMAX'),
    ]),
  ];
  return writeClassifierModel(nodes, info, 'logistic_regression');
}

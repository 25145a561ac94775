/** ONNX export of the trainers' models (ai.onnx.ml operators), written with protobufjs and onnx-proto's schema. */
export { exportLogisticRegressionOnnx } from './export-logistic';
export { exportRandomForestOnnx, float32AtOrBelow } from './export-forest';
export { ONNX_INPUT, ONNX_LABEL, ONNX_PROBABILITIES } from './onnx-model';
export type { ClassifierModelInfo } from './onnx-model';
export { exportGradientBoostingOnnx } from './export-gbt';

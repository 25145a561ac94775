/**
 * Building blocks for ONNX files written through protobufjs with the ONNX schema
 * of the onnx-proto package: attributes, the float feature input, and the model
 * wrapper with its opsets and metadata_props. Nothing here writes bytes by hand.
 */
import { createRequire } from 'node:module';

type OnnxProto = typeof import('onnx-proto');
// onnx-proto is CommonJS assigning module.exports at run time, which ESM named
// imports cannot see; require() reads it the same way under Node, Vitest and Electron.
const { onnx } = createRequire(import.meta.url)('onnx-proto') as OnnxProto;

export type NodeProto = import('onnx-proto').onnx.INodeProto;
export type AttributeProto = import('onnx-proto').onnx.IAttributeProto;
type AttrType = import('onnx-proto').onnx.AttributeProto.AttributeType;

const AttributeType = onnx.AttributeProto.AttributeType;
const ML_DOMAIN = 'ai.onnx.ml';

export function floatsAttr(name: string, values: ArrayLike<number>): AttributeProto {
  return { name, type: AttributeType.FLOATS as AttrType, floats: Array.from(values) };
}

export function intAttr(name: string, value: number): AttributeProto {
  return { name, type: AttributeType.INT as AttrType, i: value };
}

export function intsAttr(name: string, values: ArrayLike<number>): AttributeProto {
  return { name, type: AttributeType.INTS as AttrType, ints: Array.from(values) };
}

export function stringAttr(name: string, value: string): AttributeProto {
  return { name, type: AttributeType.STRING as AttrType, s: new TextEncoder().encode(value) };
}

export function stringsAttr(name: string, values: string[]): AttributeProto {
  return { name, type: AttributeType.STRINGS as AttrType, strings: values.map((v) => new TextEncoder().encode(v)) };
}

export function mlNode(opType: string, inputs: string[], outputs: string[], attribute: AttributeProto[]): NodeProto {
  return { opType, domain: ML_DOMAIN, input: inputs, output: outputs, name: opType, attribute };
}

export interface ClassifierModelInfo {
  /** The model's feature names, in input column order. */
  featureNames: string[];
  /** Class names; index k is the label the model outputs as k. */
  classes: string[];
  /** Hash of the preprocessing spec that produced the features, when known. */
  specHash?: string;
  /** Free text stored as the graph's doc string. */
  description?: string;
}

/** Input and output names of every classifier NeuroOps exports. */
export const ONNX_INPUT = 'features';
export const ONNX_LABEL = 'label';
export const ONNX_PROBABILITIES = 'probabilities';

const TensorFloat = onnx.TensorProto.DataType.FLOAT;
const TensorInt64 = onnx.TensorProto.DataType.INT64;

function tensorInfo(name: string, elemType: number, dims: Array<number | string>): import('onnx-proto').onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/**
 * Serializes a classifier graph (float [N, features] in; int64 [N] label and
 * float [N, classes] probabilities out) with IR version 8, opsets ai.onnx 13 and
 * ai.onnx.ml 3, and the feature names, classes and spec hash in metadata_props.
 */
export function writeClassifierModel(nodes: NodeProto[], info: ClassifierModelInfo, graphName: string): Uint8Array {
  const metadata: Array<{ key: string; value: string }> = [
    { key: 'feature_names', value: JSON.stringify(info.featureNames) },
    { key: 'classes', value: JSON.stringify(info.classes) },
  ];
  if (info.specHash) metadata.push({ key: 'spec_hash', value: info.specHash });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'neuroops',
    producerVersion: '1',
    opsetImport: [
      { domain: '', version: 13 },
      { domain: ML_DOMAIN, version: 3 },
    ],
    metadataProps: metadata,
    graph: {
      name: graphName,
      docString: info.description ?? '',
      node: nodes,
      input: [tensorInfo(ONNX_INPUT, TensorFloat, ['N', info.featureNames.length])],
      output: [tensorInfo(ONNX_LABEL, TensorInt64, ['N']), tensorInfo(ONNX_PROBABILITIES, TensorFloat, ['N', info.classes.length])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

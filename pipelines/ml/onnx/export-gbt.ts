/**
 * Gradient-boosted trees as an ONNX TreeEnsembleClassifier: every leaf carries
 * learning_rate × its step for the raw score it belongs to, base_values are the
 * initial raw scores, and the post-transform turns the summed scores into
 * probabilities, as the model does:
 * - two classes: one raw score, under class id 0, with LOGISTIC. The leaf
 *   weights have both signs, so ONNX Runtime labels by score > 0 (p1 > 0.5) and
 *   outputs [σ(−s), σ(s)]. When every weight happens to be ≥ 0 the runtime would
 *   label by score > 0.5 instead; a zero-weight entry of −0 on an existing leaf
 *   would not count, so such a model gets a leaf entry of a tiny negative weight
 *   paired with the same positive amount on the same leaf (net 0).
 * - K classes: one raw score per class with SOFTMAX; the label is the argmax.
 * Thresholds are the largest float32 not above our float64 midpoint (see
 * export-forest.ts).
 */
import type { GradientBoostingModel } from '../gradient-boosting';
import { float32AtOrBelow } from './export-forest';
import { checkModelInfo } from './export-logistic';
import {
  ONNX_INPUT, ONNX_LABEL, ONNX_PROBABILITIES, floatsAttr, intsAttr, mlNode, stringAttr, stringsAttr, writeClassifierModel,
  type ClassifierModelInfo,
} from './onnx-model';

export function exportGradientBoostingOnnx(model: GradientBoostingModel, info: ClassifierModelInfo): Uint8Array {
  const K = model.nClasses;
  checkModelInfo(info, model.nFeatures, K);
  const nodes = { tree: [] as number[], node: [] as number[], feature: [] as number[], value: [] as number[], mode: [] as string[], yes: [] as number[], no: [] as number[] };
  const leaves = { tree: [] as number[], node: [] as number[], cls: [] as number[], weight: [] as number[] };
  let treeId = 0;
  for (const stage of model.stages) {
    stage.forEach((tree, k) => {
      for (let n = 0; n < tree.feature.length; n++) {
        const leaf = tree.feature[n]! < 0;
        nodes.tree.push(treeId);
        nodes.node.push(n);
        nodes.feature.push(leaf ? 0 : tree.feature[n]!);
        nodes.value.push(leaf ? 0 : float32AtOrBelow(tree.threshold[n]!));
        nodes.mode.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
        nodes.yes.push(leaf ? 0 : tree.left[n]!);
        nodes.no.push(leaf ? 0 : tree.right[n]!);
        if (leaf) {
          leaves.tree.push(treeId);
          leaves.node.push(n);
          leaves.cls.push(k);
          leaves.weight.push(model.learningRate * tree.value[n]!);
        }
      }
      treeId++;
    });
  }
  if (K === 2 && leaves.weight.every((w) => w >= 0)) {
    // Keep the runtime on its mixed-sign path (label by score > 0): a cancelling pair on the first leaf.
    const tiny = 2 ** -60;
    leaves.tree.push(leaves.tree[0]!, leaves.tree[0]!);
    leaves.node.push(leaves.node[0]!, leaves.node[0]!);
    leaves.cls.push(0, 0);
    leaves.weight.push(-tiny, tiny);
  }
  const ensemble = mlNode('TreeEnsembleClassifier', [ONNX_INPUT], [ONNX_LABEL, ONNX_PROBABILITIES], [
    intsAttr('nodes_treeids', nodes.tree),
    intsAttr('nodes_nodeids', nodes.node),
    intsAttr('nodes_featureids', nodes.feature),
    floatsAttr('nodes_values', nodes.value),
    stringsAttr('nodes_modes', nodes.mode),
    intsAttr('nodes_truenodeids', nodes.yes),
    intsAttr('nodes_falsenodeids', nodes.no),
    intsAttr('class_treeids', leaves.tree),
    intsAttr('class_nodeids', leaves.node),
    intsAttr('class_ids', leaves.cls),
    floatsAttr('class_weights', leaves.weight),
    floatsAttr('base_values', model.init),
    intsAttr('classlabels_int64s', Array.from({ length: K }, (_, k) => k)),
    stringAttr('post_transform', K === 2 ? 'LOGISTIC' : 'SOFTMAX'),
  ]);
  return writeClassifierModel([ensemble], info, 'gradient_boosting');
}

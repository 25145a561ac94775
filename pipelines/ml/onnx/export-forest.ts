/**
 * A random forest (or one tree) as an ONNX TreeEnsembleClassifier. Each leaf
 * carries its class distribution divided by the number of trees, so the
 * ensemble's summed scores are the forest's mean probabilities and the label is
 * their argmax. Leaves' zero weights are left out.
 *
 * Two classes take ONNX Runtime's binary path, which labels by one score: only
 * class 1's probability is written, under class id 0, so the runtime sees a
 * single weighted class with positive weights, labels a row 1 when that sum
 * exceeds 0.5 (the model's p1 > p0) and outputs [1 − p1, p1]. Writing both class
 * ids instead makes it label by p1 > 0, which is not the model's rule.
 *
 * Thresholds: our trees compare float32 features with a float64 midpoint; ONNX
 * stores float32 thresholds. Each is written as the largest float32 not above
 * the midpoint, which sends every float32 input the same way.
 */
import type { DecisionTreeModel } from '../decision-tree';
import type { RandomForestModel } from '../random-forest';
import { checkModelInfo } from './export-logistic';
import { ONNX_INPUT, ONNX_LABEL, ONNX_PROBABILITIES, floatsAttr, intsAttr, mlNode, stringAttr, stringsAttr, writeClassifierModel, type ClassifierModelInfo } from './onnx-model';

const f32 = new Float32Array(1);
const bits = new Int32Array(f32.buffer);

/** The largest float32 that is ≤ t (t finite). */
export function float32AtOrBelow(t: number): number {
  f32[0] = t;
  if (f32[0] <= t) return f32[0];
  // Rounded up: step one float32 towards −∞.
  if (f32[0] > 0) bits[0]! -= 1;
  else if (f32[0] === 0) f32[0] = -1.401298464324817e-45;
  else bits[0]! += 1;
  return f32[0];
}

export function exportRandomForestOnnx(forest: RandomForestModel | DecisionTreeModel, info: ClassifierModelInfo): Uint8Array {
  const trees = forest.kind === 'forest' ? forest.trees : [forest];
  const K = forest.nClasses;
  checkModelInfo(info, forest.nFeatures, K);
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const values: number[] = [];
  const modes: string[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const classTreeIds: number[] = [];
  const classNodeIds: number[] = [];
  const classIds: number[] = [];
  const classWeights: number[] = [];
  trees.forEach((tree, t) => {
    for (let n = 0; n < tree.feature.length; n++) {
      treeIds.push(t);
      nodeIds.push(n);
      const leaf = tree.feature[n]! < 0;
      featureIds.push(leaf ? 0 : tree.feature[n]!);
      values.push(leaf ? 0 : float32AtOrBelow(tree.threshold[n]!));
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      trueIds.push(leaf ? 0 : tree.left[n]!);
      falseIds.push(leaf ? 0 : tree.right[n]!);
      if (leaf) {
        let total = 0;
        for (let k = 0; k < K; k++) total += tree.value[n * K + k]!;
        for (let k = 0; k < K; k++) {
          const w = tree.value[n * K + k]! / total / trees.length;
          // Zero weights are left out; two classes write p1 only, as class id 0 (see the header).
          if (w === 0 || (K === 2 && k === 0)) continue;
          classTreeIds.push(t);
          classNodeIds.push(n);
          classIds.push(K === 2 ? 0 : k);
          classWeights.push(w);
        }
      }
    }
  });
  const nodes = [
    mlNode('TreeEnsembleClassifier', [ONNX_INPUT], [ONNX_LABEL, ONNX_PROBABILITIES], [
      intsAttr('nodes_treeids', treeIds),
      intsAttr('nodes_nodeids', nodeIds),
      intsAttr('nodes_featureids', featureIds),
      floatsAttr('nodes_values', values),
      stringsAttr('nodes_modes', modes),
      intsAttr('nodes_truenodeids', trueIds),
      intsAttr('nodes_falsenodeids', falseIds),
      intsAttr('class_treeids', classTreeIds),
      intsAttr('class_nodeids', classNodeIds),
      intsAttr('class_ids', classIds),
      floatsAttr('class_weights', classWeights),
      intsAttr('classlabels_int64s', Array.from({ length: K }, (_, k) => k)),
      stringAttr('post_transform', 'NONE'),
    ]),
  ];
  return writeClassifierModel(nodes, info, forest.kind === 'forest' ? 'random_forest' : 'decision_tree');
}

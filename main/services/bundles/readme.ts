import type { BundleManifest } from './bundle-format';

/** The bundle's README: what the model is and how to use and check it, for a person with only the zip. */
export function formatReadme(manifest: BundleManifest): string {
  const { model, training } = manifest;
  const metrics = training ? Object.entries(training.metrics).map(([k, v]) => `| ${k} | ${v} |`) : [];
  return [
    `# ${model.name}, version ${model.version}`,
    '',
    model.description || '_No description._',
    '',
    `Exported by NeuroOps ${manifest.appVersion} on ${manifest.exportedAt} (bundle format ${manifest.bundleFormatVersion}).`,
    '',
    '## Contents',
    '',
    '- `MLmodel`, `model.onnx`, `input_example.json`: an MLflow model directory (the `onnx` flavor).',
    '- `neuroops.json`: the preprocessing spec, the feature schema, the classes, harmonization parameters and the training run\'s params and metrics.',
    '- `checksums.sha256`: the SHA-256 of every other file.',
    '',
    ...(manifest.classes ? ['## Classes', '', manifest.classes.map((c) => `- ${c}`).join('\n'), ''] : []),
    ...(training ? [`## Training run \`${training.runId}\` (${training.runName || 'unnamed'})`, '', '| metric | value |', '|---|---|', ...metrics, ''] : []),
    '## Use it',
    '',
    '- Check it: `sha256sum -c checksums.sha256`',
    '- In NeuroOps: `neuroops models import THIS.zip` (or drop the zip on the Models page).',
    '- In Python: unzip it, then `mlflow.onnx.load_model("folder")` or `mlflow.pyfunc.load_model("folder")`.',
    '- With onnxruntime alone: `onnxruntime.InferenceSession("model.onnx")`.',
    '',
    `Preprocess recordings exactly as \`neuroops.json\` says (spec hash \`${model.specHash ?? 'none'}\`): a model fed differently preprocessed data gives meaningless predictions.`,
    '',
  ].join('\n');
}

/**
 * The committed fixture models passed python3-onnx's onnx.checker.check_model
 * (full check; scripts/fixtures/check-onnx-models.py records the result), and
 * they are still what the exporter writes today: the same graph, attributes and
 * metadata, numbers equal to float32 rounding (the logistic fit uses exp/log,
 * whose last bits may differ between platforms).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureModels } from './onnx-fixture-models';

const { onnx } = createRequire(import.meta.url)('onnx-proto') as typeof import('onnx-proto');
const DIR = join(import.meta.dirname, '../../fixtures/ml/onnx');

function expectSameModel(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), where).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual) && actual.length, where).toBe(expected.length);
    expected.forEach((v, i) => expectSameModel((actual as unknown[])[i], v, `${where}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectSameModel((actual as Record<string, unknown>)[k], v, `${where}.${k}`);
  } else {
    expect(actual, where).toEqual(expected);
  }
}

const asObject = (bytes: Uint8Array) => onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), { bytes: String, longs: Number });

describe('fixture ONNX models', () => {
  const checked: { onnxVersion: string; results: Record<string, string> } = JSON.parse(readFileSync(join(DIR, 'checker-results.json'), 'utf8'));
  const models = fixtureModels();

  it('every fixture model passed onnx.checker', () => {
    expect(Object.keys(checked.results).sort()).toEqual(models.map((m) => m.file).sort());
    for (const [file, result] of Object.entries(checked.results)) expect(result, file).toBe('ok');
  });

  for (const { file, bytes } of models) {
    it(`${file} is what the exporter writes`, () => {
      expectSameModel(asObject(bytes), asObject(readFileSync(join(DIR, file))), file);
    });
  }
});

/** The preprocessing spec: defaults valid, errors name the key, hash stable under formatting. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, defaultSpec, parseSpec, parseSpecJson, specHash } from '../../../pipelines/preprocess/spec';

function refusal(input: unknown): string {
  try {
    parseSpec(input);
  } catch (e) {
    expect((e as { code?: string }).code).toBe('INVALID_SPEC');
    return (e as Error).message;
  }
  throw new Error('the spec was accepted');
}

describe('preprocessing spec', () => {
  it('accepts its own default and keeps it unchanged', () => {
    expect(parseSpec(defaultSpec())).toEqual(defaultSpec());
  });

  it('holds sovaharmony defaults: 60 Hz line, 1–50 Hz, 5 s epochs, 8 bands', () => {
    const spec = defaultSpec();
    const step = (n: string) => spec.steps.find((s) => s.name === n)!;
    expect(step('line_noise').params).toMatchObject({ defaultFrequency: 60 });
    expect(step('bandpass').params).toEqual({ lFreq: 1, hFreq: 50 });
    expect(step('epochs').params).toMatchObject({ lengthSeconds: 5 });
    expect(spec.bands.map((b) => b.name)).toEqual(['Delta', 'Theta', 'Alpha-1', 'Alpha-2', 'Beta1', 'Beta2', 'Beta3', 'Gamma']);
  });

  it('names the key of a wrong value', () => {
    const spec = defaultSpec() as unknown as { steps: Array<{ params: Record<string, unknown> }> };
    spec.steps[3]!.params.hFreq = 'fifty';
    expect(refusal(spec)).toMatch(/^Preprocessing spec: steps\[3\]\.params\.hFreq: /);
  });

  it('names an unknown key', () => {
    const spec = { ...defaultSpec(), extra: 1 };
    expect(refusal(spec)).toContain('extra');
  });

  it('refuses a band-pass whose low edge is above its high edge', () => {
    const spec = defaultSpec();
    const bp = spec.steps.find((s) => s.name === 'bandpass')!;
    if (bp.name === 'bandpass') bp.params.lFreq = 60;
    expect(refusal(spec)).toContain('steps[3].params.lFreq: must be below hFreq (50 Hz)');
  });

  it('refuses steps out of order, and duplicates', () => {
    const spec = defaultSpec();
    [spec.steps[2], spec.steps[3]] = [spec.steps[3]!, spec.steps[2]!];
    expect(refusal(spec)).toContain('steps[3].name: "line_noise" must come before "bandpass"');
    const twice = defaultSpec();
    twice.steps.splice(3, 0, twice.steps[3]!);
    expect(refusal(twice)).toContain('appears twice');
  });

  it('refuses a band with lo ≥ hi, naming it', () => {
    const spec = defaultSpec();
    spec.bands[2] = { name: 'Alpha-1', lo: 11, hi: 10.5 };
    expect(refusal(spec)).toContain('bands[2].lo');
  });

  it('reports JSON syntax errors with the source', () => {
    expect(() => parseSpecJson('{', 'my-spec.json')).toThrow(/my-spec\.json is not valid JSON/);
  });

  it('hashes the canonical JSON: key order and whitespace do not matter, values do', () => {
    const a = defaultSpec();
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(a).reverse()), null, 4));
    expect(specHash(parseSpec(reordered))).toBe(specHash(a));
    expect(specHash(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    const changed = defaultSpec();
    changed.bands[0]!.lo = 2;
    expect(specHash(changed)).not.toBe(specHash(a));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
});

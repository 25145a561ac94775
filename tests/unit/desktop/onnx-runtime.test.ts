import { afterEach, describe, expect, it, vi } from 'vitest';

// A platform where onnxruntime-node has no binary: importing it throws, as its loader does.
afterEach(() => {
  vi.doUnmock('onnxruntime-node');
  vi.resetModules();
});

describe('onnxruntime-node, loaded when a model is opened', () => {
  it('leaves the rest of the app working and says why models cannot be opened', async () => {
    vi.resetModules();
    vi.doMock('onnxruntime-node', () => {
      throw new Error('Cannot find module ../bin/napi-v6/darwin/x64/onnxruntime_binding.node');
    });
    // Importing the registry's ONNX reader must not touch onnxruntime yet.
    const { describeOnnx } = await import('../../../main/services/registry/onnx-signature');
    const failure = await describeOnnx(new Uint8Array([1, 2, 3])).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'ONNXRUNTIME_UNAVAILABLE' });
    expect((failure as Error).message).toMatch(new RegExp(`could not be loaded on ${process.platform} ${process.arch}.*Everything else works.*Cause: .+`));
  });

  it('loads it on first use where it is installed', async () => {
    vi.resetModules();
    const { loadOnnxRuntime, onnxRuntimeVersion } = await import('../../../main/core/onnx-runtime');
    const ort = await loadOnnxRuntime();
    expect(typeof ort.InferenceSession.create).toBe('function');
    expect(onnxRuntimeVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

import { createRequire } from 'node:module';
import { AppError } from './app-error';

type OnnxRuntime = typeof import('onnxruntime-node');

let loading: Promise<OnnxRuntime> | undefined;

/**
 * onnxruntime-node, loaded the first time a model is opened rather than when the app
 * starts: it ships native binaries for a few platforms only (linux x64/arm64, win32
 * x64/arm64, darwin arm64), and a top-level import would kill the desktop app on any
 * other before it could show a window. Elsewhere only model import and prediction fail,
 * with ONNXRUNTIME_UNAVAILABLE and this message.
 */
export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  loading ??= import('onnxruntime-node').then(
    (module) => ((module as { default?: OnnxRuntime }).default ?? module) as OnnxRuntime,
    (error: unknown) => {
      loading = undefined;
      throw new AppError(
        'ONNXRUNTIME_UNAVAILABLE',
        `onnxruntime-node could not be loaded on ${process.platform} ${process.arch}, so ONNX models cannot be opened here ` +
          `(importing, checking or running a model). Everything else works. Reinstall NeuroOps, or from a source checkout ` +
          `run "npm install" without ONNXRUNTIME_NODE_INSTALL=skip. Cause: ${(error as Error).message}`,
      );
    },
  );
  return loading;
}

/** The installed onnxruntime-node's version, read from its package.json without loading the native part; null if absent. */
export function onnxRuntimeVersion(): string | null {
  try {
    return (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version;
  } catch {
    return null;
  }
}

/**
 * Open onnxruntime sessions, kept by key (a model's sha256) so repeated
 * predictions with the same model do not parse and optimize it again. The least
 * recently used session is released past `capacity`. Two callers asking for the
 * same key at once share one creation.
 */
import type { InferenceSession } from 'onnxruntime-node';
import { AppError } from '../../core/app-error';
import { loadOnnxRuntime } from '../../core/onnx-runtime';

export class OnnxSessionCache {
  private readonly sessions = new Map<string, Promise<InferenceSession>>();

  constructor(private readonly capacity = 4) {}

  get size(): number {
    return this.sessions.size;
  }

  /** The session for `key`, created from `bytes` when it is not open yet. */
  async get(key: string, bytes: () => Uint8Array): Promise<InferenceSession> {
    const open = this.sessions.get(key);
    if (open) {
      // Most recently used last.
      this.sessions.delete(key);
      this.sessions.set(key, open);
      return open;
    }
    const created = loadOnnxRuntime().then(async (ort) => {
      try {
        return await ort.InferenceSession.create(bytes());
      } catch (error) {
        throw new AppError('INVALID_MODEL', `The ONNX model does not load in onnxruntime: ${(error as Error).message}`);
      }
    });
    this.sessions.set(key, created);
    created.catch(() => this.sessions.delete(key));
    while (this.sessions.size > this.capacity) {
      const oldest = this.sessions.keys().next().value!;
      const evicted = this.sessions.get(oldest)!;
      this.sessions.delete(oldest);
      void evicted.then((s) => s.release()).catch(() => undefined);
    }
    return created;
  }

  /** Releases every session. */
  async close(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((p) => p.then((s) => s.release()).catch(() => undefined)));
  }
}

/**
 * Rows of samples held in a WebAssembly SIMD module's memory (fastica-simd.wat)
 * and the products FastICA needs on them, four rows of weights at a time over
 * blocks of samples: the sums of a parallel step (fastica-kernels.ts's
 * fixedPointSums, with logcosh applied in JavaScript on each block), the
 * projection W·X (whitening, sources) and the scatter matrix X·Xᵀ. Same numbers
 * as plain loops up to the order of additions (tests/unit/artifacts/fastica-simd.test.ts).
 */
import { FASTICA_SIMD_WASM } from './fastica-simd-wasm';
import { logcoshBlock } from './fastica-kernels';
import type { FixedPointSums } from './fastica-kernels';

const BLOCK = 512;
const PAGE = 65536;

interface Kernel {
  memory: WebAssembly.Memory;
  project4(y: number, yb: number, x: number, xs: number, len: number, w: number, k: number): void;
  accumulate4(g: number, y: number, yb: number, x: number, xs: number, len: number, k: number): void;
}

let compiled: WebAssembly.Module | null = null;

function instantiate(): Kernel {
  compiled ??= new WebAssembly.Module(Buffer.from(FASTICA_SIMD_WASM, 'base64'));
  return new WebAssembly.Instance(compiled).exports as unknown as Kernel;
}

/** Whether this runtime runs the SIMD module (Node 16.4+ and Electron do). */
export function simdAvailable(): boolean {
  try {
    instantiate();
    return true;
  } catch {
    return false;
  }
}

export class SimdRows {
  private readonly kernel: Kernel;
  private readonly k: number;
  /** k rounded up to even: the module takes rows of X in pairs (the extra row is zeros). */
  private readonly kPad: number;
  private readonly n: number;
  private readonly stride: number;
  private readonly yAt: number;
  private readonly wAt: number;
  /** Where the sums start: after room for the weight rows of the current call. */
  private gAt = 0;

  /** Copies k rows of n samples into the module's memory, each minus its `offset` (none by default). */
  constructor(rows: ReadonlyArray<ArrayLike<number>>, offset?: Float64Array) {
    this.kernel = instantiate();
    this.k = rows.length;
    this.kPad = this.k + (this.k % 2);
    this.n = rows[0]?.length ?? 0;
    this.stride = this.n + (this.n % 2);
    const xBytes = this.kPad * this.stride * 8;
    this.yAt = xBytes;
    this.wAt = this.yAt + 4 * BLOCK * 8;
    this.reserve(this.k);
    const x = new Float64Array(this.kernel.memory.buffer, 0, this.k * this.stride);
    rows.forEach((row, j) => {
      const at = j * this.stride;
      const mu = offset?.[j] ?? 0;
      for (let t = 0; t < this.n; t++) x[at + t] = row[t]! - mu;
    });
  }

  /** Room for m weight rows and m rows of sums (rounded up to four); returns the padded row count. */
  private reserve(m: number): number {
    const rows = Math.ceil(m / 4) * 4;
    this.gAt = this.wAt + rows * this.kPad * 8;
    const bytes = this.gAt + rows * this.kPad * 8;
    const memory = this.kernel.memory;
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    return rows;
  }

  /** Runs project4 for every block and group of four weight rows; `use` reads the block's rows. */
  private eachProjectedBlock(w: Float64Array, m: number, use: (y: Float64Array[], rows: number, i: number, start: number, len: number, even: number) => void): void {
    const { k, kPad, n, stride, kernel } = this;
    const rowsPadded = this.reserve(m);
    const buffer = kernel.memory.buffer;
    const wView = new Float64Array(buffer, this.wAt, rowsPadded * kPad);
    wView.fill(0);
    for (let i = 0; i < m; i++) wView.set(w.subarray(i * k, (i + 1) * k), i * kPad);
    const y = Array.from({ length: 4 }, (_, r) => new Float64Array(buffer, this.yAt + r * BLOCK * 8, BLOCK));
    for (let start = 0; start < n; start += BLOCK) {
      const len = Math.min(BLOCK, n - start);
      // An odd last block runs one padding sample (zero data, so y = 0 there).
      const even = len + (len % 2);
      for (let i = 0; i < m; i += 4) {
        kernel.project4(this.yAt, BLOCK * 8, start * 8, stride * 8, even, this.wAt + i * kPad * 8, kPad);
        use(y, Math.min(4, m - i), i, start, len, even);
      }
    }
  }

  /** scale · W·X: m rows of n samples (W is m × k, row-major). */
  project(w: Float64Array, m: number, scale = 1): Float64Array[] {
    const out = Array.from({ length: m }, () => new Float64Array(this.n));
    this.eachProjectedBlock(w, m, (y, rows, i, start, len) => {
      for (let r = 0; r < rows; r++) {
        const src = y[r]!;
        const dst = out[i + r]!;
        for (let t = 0; t < len; t++) dst[start + t] = src[t]! * scale;
      }
    });
    return out;
  }

  /** X·Xᵀ (k × k, row-major): four rows at a time copied to the block buffer, then accumulated against all. */
  scatter(): Float64Array {
    const { k, kPad, n, stride, kernel } = this;
    const rowsPadded = this.reserve(k);
    const buffer = kernel.memory.buffer;
    const x = new Float64Array(buffer, 0, kPad * stride);
    const y = Array.from({ length: 4 }, (_, r) => new Float64Array(buffer, this.yAt + r * BLOCK * 8, BLOCK));
    const gView = new Float64Array(buffer, this.gAt, rowsPadded * kPad);
    gView.fill(0);
    for (let start = 0; start < n; start += BLOCK) {
      const even = Math.min(BLOCK, n - start) + (Math.min(BLOCK, n - start) % 2);
      for (let i = 0; i < k; i += 4) {
        for (let r = 0; r < 4; r++) {
          if (i + r < k) y[r]!.set(x.subarray((i + r) * stride + start, (i + r) * stride + start + even));
          else y[r]!.fill(0);
        }
        kernel.accumulate4(this.gAt + i * kPad * 8, this.yAt, BLOCK * 8, start * 8, stride * 8, even, kPad);
      }
    }
    const out = new Float64Array(k * k);
    for (let i = 0; i < k; i++) out.set(gView.subarray(i * kPad, i * kPad + k), i * k);
    return out;
  }

  /** fixedPointSums(w, m, rows, alpha) on the copied rows. */
  sums(w: Float64Array, m: number, alpha: number): FixedPointSums {
    const { k, kPad, stride, kernel } = this;
    const rowsPadded = this.reserve(m);
    const gView = new Float64Array(kernel.memory.buffer, this.gAt, rowsPadded * kPad);
    gView.fill(0);
    const gPrime = new Float64Array(m);
    this.eachProjectedBlock(w, m, (y, rows, i, start, len, even) => {
      // Rows past m have zero weights, so y = g = 0 there, as at the padding sample.
      for (let r = 0; r < rows; r++) gPrime[i + r] = gPrime[i + r]! + logcoshBlock(y[r]!, len, alpha);
      kernel.accumulate4(this.gAt + i * kPad * 8, this.yAt, BLOCK * 8, start * 8, stride * 8, even, kPad);
    });
    const gx = new Float64Array(m * k);
    for (let i = 0; i < m; i++) gx.set(gView.subarray(i * kPad, i * kPad + k), i * k);
    return { gx, gPrime };
  }
}

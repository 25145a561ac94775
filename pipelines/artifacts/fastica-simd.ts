/**
 * Rows of samples held in a WebAssembly SIMD module's memory (fastica-simd.wat)
 * and the products FastICA needs on them, four rows of weights at a time over
 * blocks of samples: the sums of a parallel step (fastica-kernels.ts's
 * fixedPointSums, logcosh included, in one module call per block and four
 * rows), the projection W·X (whitening, sources) and the scatter matrix X·Xᵀ.
 * Same numbers as plain loops up to the order of additions and a few ulps of
 * tanh (tests/unit/artifacts/fastica-simd.test.ts).
 */
import { FASTICA_SIMD_WASM } from './fastica-simd-wasm';
import type { FixedPointSums } from './fastica-kernels';

/** Samples per block: the module's y rows are 4096 bytes (512 doubles) apart. */
const BLOCK = 512;
const PAGE = 65536;

interface Kernel {
  memory: WebAssembly.Memory;
  project4(y: number, x: number, xs: number, len: number, w: number, k: number): void;
  accumulate4(g: number, gs: number, y: number, x: number, xs: number, len: number, k: number): void;
  logcosh4(y: number, len: number, alpha: number, sq: number): void;
  step4(g: number, y: number, x: number, xs: number, len: number, w: number, k: number, alpha: number, sq: number): void;
}

/** n rounded up to a multiple of 4: the module's loops take four samples (and four weight rows) at a time. */
const padTo4 = (n: number): number => Math.ceil(n / 4) * 4;

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

/** tanh(alpha·y) of each value through the module's logcosh (for tests against Math.tanh). */
export function simdTanh(y: Float64Array, alpha: number): Float64Array {
  const kernel = instantiate();
  // Four sums of squares, then the four block rows: the values go through the first, in blocks.
  const rows = new Float64Array(kernel.memory.buffer, 32, 4 * BLOCK);
  const out = new Float64Array(y.length);
  for (let start = 0; start < y.length; start += BLOCK) {
    const part = y.subarray(start, start + BLOCK);
    rows.fill(0);
    rows.set(part);
    kernel.logcosh4(32, padTo4(part.length), alpha, 0);
    out.set(rows.subarray(0, part.length), start);
  }
  return out;
}

export class SimdRows {
  private readonly kernel: Kernel;
  private readonly k: number;
  /** k rounded up to even: the module takes rows of X in pairs (the extra row is zeros). */
  private readonly kPad: number;
  private readonly n: number;
  /** Samples per row in memory: n rounded up to a multiple of 4 (the padding is zeros). */
  private readonly stride: number;
  private readonly yAt: number;
  private readonly wAt: number;
  /** Where the sums start: after room for the weight rows of the current call. */
  private gAt = 0;
  /** Where each weight row's Σ g² is kept, after the sums. */
  private sqAt = 0;

  /** Copies k rows of n samples into the module's memory, each minus its `offset` (none by default). */
  constructor(rows: ReadonlyArray<ArrayLike<number>>, offset?: Float64Array) {
    this.kernel = instantiate();
    this.k = rows.length;
    this.kPad = this.k + (this.k % 2);
    this.n = rows[0]?.length ?? 0;
    this.stride = padTo4(this.n);
    const xBytes = this.kPad * this.stride * 8;
    this.yAt = xBytes;
    this.wAt = this.yAt + 4 * BLOCK * 8;
    this.reserve(this.k);
    this.load(rows, offset);
  }

  /**
   * Overwrites the rows with new samples, each minus its `offset` (none by
   * default): at most as many rows as this was built with, each at most n
   * samples long; what they leave of each row, and the rows they leave out,
   * become zeros. Lets one module serve many small products (wICA's epochs).
   */
  load(rows: ReadonlyArray<ArrayLike<number>>, offset?: Float64Array): void {
    const { k, n, stride } = this;
    if (rows.length > k || rows.some((row) => row.length > n)) throw new RangeError(`SimdRows: at most ${k} rows of at most ${n} samples.`);
    const x = new Float64Array(this.kernel.memory.buffer, 0, k * stride);
    rows.forEach((row, j) => {
      const at = j * stride;
      const mu = offset?.[j] ?? 0;
      for (let t = 0; t < row.length; t++) x[at + t] = row[t]! - mu;
      x.fill(0, at + row.length, at + n);
    });
    x.fill(0, rows.length * stride);
  }

  /** Room for m weight rows, m rows of sums and m values of Σ g² (rounded up to four); returns the padded row count. */
  private reserve(m: number): number {
    const rows = padTo4(m);
    this.gAt = this.wAt + rows * this.kPad * 8;
    this.sqAt = this.gAt + rows * this.kPad * 8;
    const bytes = this.sqAt + rows * 8;
    const memory = this.kernel.memory;
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    return rows;
  }

  /**
   * Copies W (m × k) into the module as the kernels read it: each group of four
   * rows column by column (W[i][j], W[i+1][j], W[i+2][j], W[i+3][j] for j < kPad),
   * zeros past m and past k. Returns m rounded up to four.
   */
  private loadWeights(w: Float64Array, m: number): number {
    const { k, kPad } = this;
    const rows = this.reserve(m);
    const wView = new Float64Array(this.kernel.memory.buffer, this.wAt, rows * kPad);
    wView.fill(0);
    for (let i = 0; i < m; i++) {
      const group = (i >> 2) * 4 * kPad;
      for (let j = 0; j < k; j++) wView[group + j * 4 + (i & 3)] = w[i * k + j]!;
    }
    return rows;
  }

  /** scale · W·X: m rows of n samples (W is m × k, row-major), into `out` when given. */
  project(w: Float64Array, m: number, scale = 1, out: Float64Array[] = Array.from({ length: m }, () => new Float64Array(this.n))): Float64Array[] {
    const { kPad, n, stride, kernel } = this;
    this.loadWeights(w, m);
    const y = Array.from({ length: 4 }, (_, r) => new Float64Array(kernel.memory.buffer, this.yAt + r * BLOCK * 8, BLOCK));
    for (let start = 0; start < n; start += BLOCK) {
      const len = Math.min(BLOCK, n - start);
      for (let i = 0; i < m; i += 4) {
        // A short last block runs up to 3 padding samples (zero data, so y = 0 there).
        kernel.project4(this.yAt, start * 8, stride * 8, padTo4(len), this.wAt + i * kPad * 8, kPad);
        for (let r = 0; r < Math.min(4, m - i); r++) {
          const src = y[r]!;
          const dst = out[i + r]!;
          for (let t = 0; t < len; t++) dst[start + t] = src[t]! * scale;
        }
      }
    }
    return out;
  }

  /**
   * X·Xᵀ (k × k, row-major): four rows at a time copied to the block buffer and
   * accumulated against the rows from theirs on (the upper triangle), then mirrored.
   */
  scatter(): Float64Array {
    const { k, kPad, n, stride, kernel } = this;
    const rowsPadded = this.reserve(k);
    const buffer = kernel.memory.buffer;
    const x = new Float64Array(buffer, 0, kPad * stride);
    const y = Array.from({ length: 4 }, (_, r) => new Float64Array(buffer, this.yAt + r * BLOCK * 8, BLOCK));
    const gView = new Float64Array(buffer, this.gAt, rowsPadded * kPad);
    gView.fill(0);
    for (let start = 0; start < n; start += BLOCK) {
      const len = padTo4(Math.min(BLOCK, n - start));
      for (let i = 0; i < k; i += 4) {
        for (let r = 0; r < 4; r++) {
          if (i + r < k) y[r]!.set(x.subarray((i + r) * stride + start, (i + r) * stride + start + len));
          else y[r]!.fill(0);
        }
        // Against rows i.. of X only (i is a multiple of 4 and kPad even, so kPad − i is even).
        kernel.accumulate4(this.gAt + (i * kPad + i) * 8, kPad * 8, this.yAt, (i * stride + start) * 8, stride * 8, len, kPad - i);
      }
    }
    const out = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        out[i * k + j] = gView[i * kPad + j]!;
        out[j * k + i] = gView[i * kPad + j]!;
      }
    }
    return out;
  }

  /** fixedPointSums(w, m, rows, alpha) on the copied rows. */
  sums(w: Float64Array, m: number, alpha: number): FixedPointSums {
    const { k, kPad, n, stride, kernel } = this;
    const rowsPadded = this.loadWeights(w, m);
    const buffer = kernel.memory.buffer;
    const gView = new Float64Array(buffer, this.gAt, rowsPadded * kPad);
    const sq = new Float64Array(buffer, this.sqAt, rowsPadded);
    gView.fill(0);
    sq.fill(0);
    for (let start = 0; start < n; start += BLOCK) {
      const len = padTo4(Math.min(BLOCK, n - start));
      for (let i = 0; i < m; i += 4) {
        kernel.step4(this.gAt + i * kPad * 8, this.yAt, start * 8, stride * 8, len, this.wAt + i * kPad * 8, kPad, alpha, this.sqAt + i * 8);
      }
    }
    // Σ_t alpha·(1 − g²) = alpha·(n − Σ g²): padding samples and rows past m have y = g = 0, so they add nothing to Σ g².
    const gPrime = Float64Array.from({ length: m }, (_, i) => alpha * (n - sq[i]!));
    const gx = new Float64Array(m * k);
    for (let i = 0; i < m; i++) gx.set(gView.subarray(i * kPad, i * kPad + k), i * k);
    return { gx, gPrime };
  }
}

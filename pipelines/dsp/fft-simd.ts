/**
 * The mixed-radix complex FFT (mixed-radix.ts) on WebAssembly SIMD
 * (fft-simd.wat): one complex number per 128-bit vector, the same Stockham
 * stages (radix 8, 4, 2, 3, 5) and the same twiddles, so results equal the
 * JavaScript plan's to float64 rounding (tests/unit/dsp/fft-simd.test.ts).
 *
 * Data lives in the module's memory, interleaved (re, im). The hot loops
 * (overlap-add, Welch) write their input there and read the result in place;
 * the split-array `forward`/`inverse` copy in and out. Where the runtime has
 * no WebAssembly SIMD, or `useSimdFft(false)` was called, `simdFftPlan`
 * returns null and callers take the JavaScript path.
 */
import { FFT_SIMD_WASM } from './fft-simd-wasm';
import { smoothFactors, stageTwiddles } from './mixed-radix';

interface Exports {
  memory: WebAssembly.Memory;
  transform(plan: number, count: number, x: number, y: number): number;
  gainConj(z: number, g: number, n: number): void;
  addConj(dst: number, src: number, n: number): void;
  interleave32(dst: number, a: number, b: number, n: number): void;
  interleave64(dst: number, a: number, b: number, n: number): void;
  deinterleave32(a: number, b: number, src: number, n: number): void;
  deinterleave64(a: number, b: number, src: number, n: number): void;
  loadSegments(dst: number, x: number, startA: number, startB: number, n: number, win: number): void;
  powerPair(power: number, z: number, n: number, bins: number): void;
}

const PAGE = 65536;
const RADICES = [4, 2, 3, 5];

/**
 * Radices 4, 2, 3, 5, with a 4 and the 2 joined into one radix-8 pass where both occur,
 * placed where the 2 was (measured: 32768 points 216 against 240 µs, 1000 points 4.9
 * against 5.2 µs).
 */
export function simdRadices(n: number): number[] | null {
  const radices = smoothFactors(n, RADICES);
  if (!radices) return null;
  const two = radices.indexOf(2);
  const four = radices.lastIndexOf(4);
  if (two < 0 || four < 0) return radices;
  radices[two] = 8;
  radices.splice(four, 1);
  return radices;
}

/** One instance per thread: its memory, a bump allocator for plans, and a scratch area above them. */
export class SimdKernel {
  readonly exports: Exports;
  private top = 16;
  private heapView: Float64Array;

  constructor(module: WebAssembly.Module) {
    this.exports = new WebAssembly.Instance(module).exports as unknown as Exports;
    this.heapView = new Float64Array(this.exports.memory.buffer);
  }

  /** The whole memory as float64 (index = byte address / 8); fetch again after any allocation. */
  heap(): Float64Array {
    if (this.heapView.buffer !== this.exports.memory.buffer) this.heapView = new Float64Array(this.exports.memory.buffer);
    return this.heapView;
  }

  private ensure(bytes: number): void {
    const memory = this.exports.memory;
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
  }

  /** Bytes kept for good (a plan's twiddles and buffers), 16-aligned. */
  alloc(bytes: number): number {
    const at = this.top;
    this.top = at + Math.ceil(bytes / 16) * 16;
    this.ensure(this.top);
    return at;
  }

  /** Addresses of scratch arrays of these byte sizes, above every plan: valid until the next `alloc`. */
  scratch(...sizes: number[]): number[] {
    let at = this.top;
    const out = sizes.map((bytes) => {
      const a = at;
      at += Math.ceil(bytes / 16) * 16;
      return a;
    });
    this.ensure(at);
    return out;
  }
}

let compiled: WebAssembly.Module | null | undefined;
let kernel: SimdKernel | null = null;
let enabled = true;
const plans = new Map<number, SimdFftPlan | null>();

/**
 * WebAssembly memory never shrinks. Above this size (a recording of about 50 minutes
 * at 500 Hz staged for filtering) the instance is dropped after use, with its plans,
 * so a worker does not keep a long recording's buffers for good.
 */
const RETAIN_BYTES = 64 * 1024 * 1024;

/** This thread's kernel, or null where WebAssembly SIMD is missing or switched off. */
export function simdKernel(): SimdKernel | null {
  if (!enabled) return null;
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(FFT_SIMD_WASM, 'base64'));
      kernel = new SimdKernel(compiled);
    } catch {
      compiled = null;
    }
  }
  if (compiled && !kernel) kernel = new SimdKernel(compiled);
  return kernel;
}

/** Drops the instance (and so its memory) when it has grown past RETAIN_BYTES; the next use starts a fresh one. */
export function releaseLargeMemory(): void {
  if (kernel && kernel.exports.memory.buffer.byteLength > RETAIN_BYTES) {
    kernel = null;
    plans.clear();
  }
}

/** Switches the SIMD path on or off (tests compare the two; off falls back to JavaScript). */
export function useSimdFft(on: boolean): void {
  enabled = on;
}

export class SimdFftPlan {
  readonly size: number;
  /** Input buffer (interleaved complex); the transform's scratch is `y`. */
  readonly x: number;
  readonly y: number;
  private readonly plan: number;
  private readonly stages: number;

  constructor(
    readonly kernel: SimdKernel,
    size: number,
    radices: number[],
  ) {
    this.size = size;
    const twiddles: { radix: number; n: number; s: number; tw: Float64Array }[] = [];
    let n = size;
    let s = 1;
    for (const radix of radices) {
      const { wr, wi } = stageTwiddles(radix, n);
      const tw = new Float64Array(2 * wr.length);
      for (let j = 0; j < wr.length; j++) {
        tw[2 * j] = wr[j]!;
        tw[2 * j + 1] = wi[j]!;
      }
      twiddles.push({ radix, n, s, tw });
      n /= radix;
      s *= radix;
    }
    this.stages = radices.length;
    this.plan = kernel.alloc(16 * this.stages);
    const at = twiddles.map((t) => kernel.alloc(8 * t.tw.length));
    this.x = kernel.alloc(16 * size);
    this.y = kernel.alloc(16 * size);
    const heap = kernel.heap();
    const records = new Int32Array(heap.buffer, this.plan, 4 * this.stages);
    twiddles.forEach((t, i) => {
      records.set([t.radix, t.n, t.s, at[i]!], 4 * i);
      heap.set(t.tw, at[i]! / 8);
    });
  }

  /** Transforms the interleaved data at `x` forwards; returns the address of the result (`x` or `y`). */
  run(): number {
    return this.runAt(this.x, this.y);
  }

  /** Transforms the data at `at` (nothing else), with `other` as the scratch; returns `at` or `other`. */
  runAt(at: number, other: number): number {
    return this.kernel.exports.transform(this.plan, this.stages, at, other);
  }

  /** Forward transform of split arrays, in place (copies through the module's memory). */
  forward(re: Float64Array, im: Float64Array): void {
    this.load(re, im, 1);
    this.store(re, im, 1, 1);
  }

  /** Inverse transform with the 1/N factor: conj(FFT(conj z))/N. */
  inverse(re: Float64Array, im: Float64Array): void {
    this.load(re, im, -1);
    this.store(re, im, 1 / this.size, -1 / this.size);
  }

  private load(re: Float64Array, im: Float64Array, imSign: number): void {
    const heap = this.kernel.heap();
    const base = this.x / 8;
    for (let i = 0; i < this.size; i++) {
      heap[base + 2 * i] = re[i]!;
      heap[base + 2 * i + 1] = imSign * im[i]!;
    }
  }

  private store(re: Float64Array, im: Float64Array, reScale: number, imScale: number): void {
    const out = this.run() / 8;
    const heap = this.kernel.heap();
    for (let i = 0; i < this.size; i++) {
      re[i] = heap[out + 2 * i]! * reScale;
      im[i] = heap[out + 2 * i + 1]! * imScale;
    }
  }
}

/** The SIMD plan for a length of factors 2, 3, 5, or null (no SIMD, or another length). */
export function simdFftPlan(size: number): SimdFftPlan | null {
  const k = simdKernel();
  if (!k) return null;
  let plan = plans.get(size);
  if (plan === undefined) {
    const radices = size > 1 ? simdRadices(size) : null;
    plan = radices ? new SimdFftPlan(k, size, radices) : null;
    plans.set(size, plan);
  }
  return plan;
}

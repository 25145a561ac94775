/**
 * A tiny WebAssembly SIMD kernel for the hottest loop of the EDF/BDF reader:
 * out[j] = sample[j] · gain + offset for little-endian int16 (EDF) and
 * 24-bit (BDF) samples. It decodes 8 (int16) or 4 (int24) samples per
 * instruction group, several times faster than the scalar JS loop, which
 * stays as the fallback (see reader.ts) when WebAssembly SIMD is missing.
 *
 * The module is assembled here from its instructions rather than shipped as
 * an opaque binary, so it can be read and reviewed. Arithmetic is float32
 * (the output type); the extra rounding is below one float32 ulp of the
 * value, far below an EDF quantization step.
 *
 * Memory layout: [input chunk | float32 scratch]; callers read a file chunk
 * straight into `input()`, decode pieces into the scratch, then copy the
 * scratch into the channel's array in one `set`.
 */

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};
const name = (s: string) => [...leb(s.length), ...Buffer.from(s, 'ascii')];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];

// Instructions used (WebAssembly core + SIMD proposal opcodes).
const get = (i: number) => [0x20, ...leb(i)];
const set = (i: number) => [0x21, ...leb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const simd = (op: number) => [0xfd, ...leb(op)];
const memarg = (alignLog2: number, offset: number) => [...leb(alignLog2), ...leb(offset)];
const ADD = 0x6a, SUB = 0x6b, SHL = 0x74, OR = 0x72, LT_S = 0x48, EQZ = 0x45;
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], END = 0x0b, BR_IF = 0x0d, BR = 0x0c;
const V128_LOAD = 0, V128_STORE = 11, V128_CONST = 12, I8X16_SHUFFLE = 13, F32X4_SPLAT = 19;
const I32X4_EXTEND_LOW_I16X8_S = 167, I32X4_EXTEND_HIGH_I16X8_S = 168, I32X4_SHR_S = 172;
const F32X4_ADD = 228, F32X4_MUL = 230, F32X4_CONVERT_I32X4_S = 250;

// Function parameters: 0 src (byte address), 1 n (samples), 2 dst (byte address), 3 gain, 4 offset.
// Locals: 5 gain×4, 6 offset×4, 7 loaded vector.
const SRC = 0, N = 1, DST = 2, GAIN = 3, OFFSET = 4, G4 = 5, O4 = 6, V = 7;

/** src += a; dst += b; n -= c */
const advance = (a: number, b: number, c: number) => [
  ...get(SRC), ...i32(a), ADD, ...set(SRC), ...get(DST), ...i32(b), ADD, ...set(DST), ...get(N), ...i32(c), SUB, ...set(N),
];
/** i32x4 on the stack → f32x4 · gain + offset */
const scale4 = [...simd(F32X4_CONVERT_I32X4_S), ...get(G4), ...simd(F32X4_MUL), ...get(O4), ...simd(F32X4_ADD)];

function kernel(kind: 'i16' | 'i24'): number[] {
  const vectorLoop = kind === 'i16'
    ? [
        // while (n >= 8): 8 int16 → two f32x4
        ...BLOCK, ...LOOP, ...get(N), ...i32(8), LT_S, BR_IF, 1,
        ...get(SRC), ...simd(V128_LOAD), ...memarg(0, 0), ...set(V),
        ...get(DST), ...get(V), ...simd(I32X4_EXTEND_LOW_I16X8_S), ...scale4, ...simd(V128_STORE), ...memarg(0, 0),
        ...get(DST), ...get(V), ...simd(I32X4_EXTEND_HIGH_I16X8_S), ...scale4, ...simd(V128_STORE), ...memarg(0, 16),
        ...advance(16, 32, 8), BR, 0, END, END,
      ]
    : [
        // while (n >= 6): 4 int24 from a 16-byte load (6 keeps the load inside the samples).
        // The shuffle puts each sample's 3 bytes in the top of an i32 lane over a zero
        // byte; an arithmetic shift right by 8 then sign-extends.
        ...BLOCK, ...LOOP, ...get(N), ...i32(6), LT_S, BR_IF, 1,
        ...get(DST),
        ...get(SRC), ...simd(V128_LOAD), ...memarg(0, 0),
        ...simd(V128_CONST), ...new Array(16).fill(0),
        ...simd(I8X16_SHUFFLE), ...[0, 1, 2, 3].flatMap((k) => [16, 3 * k, 3 * k + 1, 3 * k + 2]),
        ...i32(8), ...simd(I32X4_SHR_S), ...scale4, ...simd(V128_STORE), ...memarg(0, 0),
        ...advance(12, 16, 4), BR, 0, END, END,
      ];
  const loadScalar = kind === 'i16'
    ? [...get(SRC), 0x2e /* i32.load16_s */, ...memarg(1, 0)]
    : [
        ...get(SRC), 0x2d /* i32.load8_u */, ...memarg(0, 0),
        ...get(SRC), 0x2d, ...memarg(0, 1), ...i32(8), SHL, OR,
        ...get(SRC), 0x2c /* i32.load8_s */, ...memarg(0, 2), ...i32(16), SHL, OR,
      ];
  const scalarTail = [
    ...BLOCK, ...LOOP, ...get(N), EQZ, BR_IF, 1,
    ...get(DST), ...loadScalar, 0xb2 /* f32.convert_i32_s */, ...get(GAIN), 0x94 /* f32.mul */, ...get(OFFSET), 0x92 /* f32.add */,
    0x38 /* f32.store */, ...memarg(2, 0),
    ...advance(kind === 'i16' ? 2 : 3, 4, 1), BR, 0, END, END,
  ];
  const code = [
    ...vec([[3, 0x7b /* v128 */]]),
    ...get(GAIN), ...simd(F32X4_SPLAT), ...set(G4), ...get(OFFSET), ...simd(F32X4_SPLAT), ...set(O4),
    ...vectorLoop, ...scalarTail, END,
  ];
  return [...leb(code.length), ...code];
}

const I32T = 0x7f, F32T = 0x7d;
const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, vec([[0x60, ...vec([[I32T], [I32T], [I32T], [F32T], [F32T]]), 0x00]])),
  ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, ...leb(1)]])),
  ...section(3, vec([[0], [0]])),
  ...section(7, vec([[...name('i16'), 0x00, 0], [...name('i24'), 0x00, 1]])),
  ...section(10, vec([kernel('i16'), kernel('i24')])),
]);

type Kernel = (src: number, n: number, dst: number, gain: number, offset: number) => void;
const PAGE = 65536;
let compiled: WebAssembly.Module | null | undefined;
const idle: SimdSampleDecoder[] = [];
let simdEnabled = true;

/** Switches the SIMD kernels off (or back on) so tests and benchmarks can exercise the scalar fallback. */
export function useSimdDecoding(on: boolean): void {
  simdEnabled = on;
}
/** Idle decoders kept; each holds about one 8 MB chunk. */
const MAX_IDLE = 2;

export class SimdSampleDecoder {
  private inputBytes = 0;
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly kernels: { i16: Kernel; i24: Kernel };

  private constructor(module: WebAssembly.Module) {
    const exports = new WebAssembly.Instance(module, { env: { mem: this.memory } }).exports;
    this.kernels = { i16: exports['i16'] as Kernel, i24: exports['i24'] as Kernel };
  }

  /**
   * A decoder for one read, or null where the runtime lacks WebAssembly SIMD.
   * Decoders are pooled: fresh memory is costly to touch (page faults), so a
   * released decoder's memory serves the next read. Pair with `release()`.
   */
  static acquire(): SimdSampleDecoder | null {
    if (compiled === undefined) {
      compiled = typeof WebAssembly === 'object' && WebAssembly.validate(MODULE) ? new WebAssembly.Module(MODULE) : null;
    }
    if (!compiled || !simdEnabled) return null;
    return idle.pop() ?? new SimdSampleDecoder(compiled);
  }

  release(): void {
    if (idle.length < MAX_IDLE) idle.push(this);
  }

  /**
   * Makes room for an input chunk and a scratch of `floats` values. Views
   * from `input()`/`scratch()` are only valid until the next `reserve`.
   */
  reserve(inputBytes: number, floats: number): void {
    this.inputBytes = Math.ceil((inputBytes + 16) / 16) * 16; // slack for the last 16-byte load
    const need = this.inputBytes + floats * 4;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
  }

  input(bytes: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, 0, bytes);
  }

  scratch(floats: number): Float32Array {
    return new Float32Array(this.memory.buffer, this.inputBytes, floats);
  }

  /** Decodes n samples starting at input byte `src` into scratch[dst...]. */
  decode(kind: 'i16' | 'i24', src: number, n: number, dst: number, gain: number, offset: number): void {
    this.kernels[kind](src, n, this.inputBytes + dst * 4, gain, offset);
  }
}

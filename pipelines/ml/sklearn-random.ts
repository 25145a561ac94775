/**
 * The two generators scikit-learn's boosting draws from, reproduced so that a
 * seed gives the very same model as `GradientBoostingClassifier(random_state=seed)`,
 * ties between equally good splits included:
 * - numpy's legacy RandomState (MT19937 seeded by init_genrand): `randint` for
 *   each tree's seed and `uniform` for the subsample draws;
 * - the trees' own xorshift (`our_rand_r` in sklearn/tree/_utils.pyx), which
 *   picks the order features are visited in at each node.
 */
const N = 624;
const M = 397;
/** scikit-learn's RAND_R_MAX (0x7FFFFFFF): tree seeds are drawn in [0, RAND_R_MAX). */
export const RAND_R_MAX = 0x7fffffff;

export class NumpyRandomState {
  private readonly mt = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      this.mt[i] = s;
      s = (Math.imul(1812433253, s ^ (s >>> 30)) + i + 1) >>> 0;
    }
  }

  /** MT19937's next 32-bit output (genrand_int32). */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
        mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** RandomState.randint(low, high) for a range below 2^32: masked rejection sampling. */
  randint(low: number, high: number): number {
    return low + this.interval(high - 1 - low);
  }

  /** An integer in [0, max] (numpy's random_interval, as RandomState.shuffle draws). */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    for (let shift = 1; shift <= 16; shift *= 2) mask |= mask >>> shift;
    let v: number;
    do v = (this.nextUint32() & mask) >>> 0;
    while (v > max);
    return v;
  }

  /** RandomState.shuffle of a list, in place (Fisher–Yates from the end). */
  shuffle<T>(items: T[]): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.interval(i);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
  }

  /** RandomState.uniform() / random_sample(): 53 random bits in [0, 1). */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

/** scikit-learn's tree generator (our_rand_r, DEFAULT_SEED 1) with its rand_int(low, high). */
export class SklearnTreeRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  nextInt(low: number, high: number): number {
    let s = this.state === 0 ? 1 : this.state;
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    this.state = s;
    return low + ((s % (RAND_R_MAX + 1)) % (high - low));
  }
}

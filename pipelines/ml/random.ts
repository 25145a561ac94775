/**
 * The trainers' seeded generator (SplitMix32-style mixing of a Weyl sequence):
 * tiny, fast and good enough for bootstraps and feature draws, so the same seed
 * gives the same model on every machine.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [low, high). */
  nextInt(low: number, high: number): number {
    return low + Math.floor(this.nextFloat() * (high - low));
  }

  /** A new seed for a child generator (one per tree), so trees do not share a stream. */
  fork(): SeededRandom {
    return new SeededRandom(this.nextUint32());
  }
}

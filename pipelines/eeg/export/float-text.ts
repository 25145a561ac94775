/**
 * Shortest decimal text of a Float32 value, written as ASCII bytes.
 *
 * Samples are Float32; printing them as the doubles they widen to
 * (12.300000190734863) doubles the size of a text export and its time. The
 * text written here is the shortest that reads back to the same Float32
 * (12.3), as numpy prints a float32: parsing it as a double and rounding to
 * Float32 (Math.fround, np.float32) gives the sample exactly.
 */

/** 10^k for k = 0…22, each exact as a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** 10^k for k = 0…39 and 10^−k for k = 0…46, to find a value's decimal exponent by comparisons. */
const UP = Array.from({ length: 40 }, (_, k) => Number(`1e${k}`));
const DOWN = Array.from({ length: 47 }, (_, k) => Number(`1e-${k}`));
const digits = new Uint8Array(24);
/** "00" … "99" as ASCII pairs. */
const TWO_DIGITS = Uint8Array.from({ length: 200 }, (_, k) => 0x30 + (k % 2 === 0 ? Math.floor(k / 20) : (k >> 1) % 10));

/** The number of significant digits to try first: most EEG samples (int16 × a gain) need 8 or 9. */
const START_PRECISION = 8;

/**
 * Writes finite `v` (a Float32 value) at `pos` of `out` and returns the
 * position after it; `out` needs 24 free bytes. The caller handles NaN and
 * infinities, whose spelling depends on the format.
 */
export function writeFloat32(v: number, out: Uint8Array, pos: number): number {
  if (v < 0) {
    out[pos++] = 0x2d;
    v = -v;
  }
  if (v === 0) {
    out[pos++] = 0x30;
    return pos;
  }
  // Below 2^24 every integer is a Float32 and needs all its digits.
  if (v < 16777216 && Number.isInteger(v)) return writeInteger(v, out, pos);
  // The decimal exponent: 10^exp ≤ v < 10^(exp+1); a few comparisons for EEG magnitudes.
  let exp = 0;
  if (v >= 1) while (exp < 38 && UP[exp + 1]! <= v) exp++;
  else for (exp = -1; exp > -46 && DOWN[-exp]! > v; exp--);
  let p = START_PRECISION;
  let m = roundTrips(v, p - 1 - exp);
  if (m >= 0) {
    // Found at START_PRECISION digits: look for a shorter one.
    for (let q = p - 1; q >= 1; q--) {
      const shorter = roundTrips(v, q - 1 - exp);
      if (shorter < 0) break;
      m = shorter;
      p = q;
    }
  } else {
    for (p = START_PRECISION + 1; p <= 10 && m < 0; p++) m = roundTrips(v, p - 1 - exp);
    p--;
    if (m < 0) return writeAscii(String(v), out, pos);
  }
  return writeDecimal(m, p - 1 - exp, out, pos);
}

/** round(v · 10^scale) when it reads back as v in Float32, else −1. */
function roundTrips(v: number, scale: number): number {
  if (scale > 22 || scale < -22) {
    // Far from EEG magnitudes (below 1e-14 or above 1e22): check by parsing, as a reader would.
    const m = Math.round(scale > 0 ? v * 10 ** Math.min(scale, 300) * 10 ** (scale - Math.min(scale, 300)) : v / 10 ** -scale);
    return Math.fround(Number(`${m}e${-scale}`)) === v ? m : -1;
  }
  if (scale >= 0) {
    const p = POW10[scale]!;
    const m = Math.round(v * p);
    return Math.fround(m / p) === v ? m : -1;
  }
  const p = POW10[-scale]!;
  const m = Math.round(v / p);
  return Math.fround(m * p) === v ? m : -1;
}

/** Writes m · 10^−scale positionally (exponent form outside 1e-7 … 1e21, as JavaScript does). */
function writeDecimal(m: number, scale: number, out: Uint8Array, pos: number): number {
  // Digits of m, trailing zeros dropped into the scale (integer arithmetic while m fits 31 bits).
  if (m < 2147483648) {
    let i = m | 0;
    while (i % 10 === 0) {
      i = (i / 10) | 0;
      scale--;
    }
    m = i;
  } else {
    while (m % 10 === 0) {
      m /= 10;
      scale--;
    }
  }
  const n = digitsOf(m);
  // digits[n-1] is the most significant; the value is 0.d1d2…dn · 10^(n − scale).
  const intDigits = n - scale;
  if (intDigits > 21 || intDigits < -6) {
    // Exponent form, as JavaScript prints such numbers: d[.ddd]e±x.
    out[pos++] = digits[n - 1]!;
    if (n > 1) {
      out[pos++] = 0x2e;
      for (let i = n - 2; i >= 0; i--) out[pos++] = digits[i]!;
    }
    const e = intDigits - 1;
    return writeAscii(e < 0 ? `e${e}` : `e+${e}`, out, pos);
  }
  if (scale <= 0) {
    for (let i = n - 1; i >= 0; i--) out[pos++] = digits[i]!;
    for (let i = 0; i < -scale; i++) out[pos++] = 0x30;
    return pos;
  }
  if (intDigits <= 0) {
    out[pos++] = 0x30;
    out[pos++] = 0x2e;
    for (let i = 0; i < -intDigits; i++) out[pos++] = 0x30;
    for (let i = n - 1; i >= 0; i--) out[pos++] = digits[i]!;
    return pos;
  }
  for (let i = n - 1; i >= n - intDigits; i--) out[pos++] = digits[i]!;
  out[pos++] = 0x2e;
  for (let i = n - intDigits - 1; i >= 0; i--) out[pos++] = digits[i]!;
  return pos;
}

/** ASCII digits of integer m ≥ 1 into `digits`, least significant first; answers their count. */
function digitsOf(m: number): number {
  let n = 0;
  let x = m;
  while (x >= 2147483648) {
    const q = Math.floor(x / 10);
    digits[n++] = 0x30 + (x - q * 10);
    x = q;
  }
  let i = x | 0;
  // Two digits per division while there are two.
  while (i >= 100) {
    const q = (i / 100) | 0;
    const r = i - q * 100;
    digits[n++] = TWO_DIGITS[2 * r + 1]!;
    digits[n++] = TWO_DIGITS[2 * r]!;
    i = q;
  }
  if (i >= 10) {
    digits[n++] = TWO_DIGITS[2 * i + 1]!;
    digits[n++] = TWO_DIGITS[2 * i]!;
  } else if (i > 0) {
    digits[n++] = 0x30 + i;
  }
  return n;
}

function writeInteger(v: number, out: Uint8Array, pos: number): number {
  const n = digitsOf(v);
  for (let i = n - 1; i >= 0; i--) out[pos++] = digits[i]!;
  return pos;
}

export function writeAscii(s: string, out: Uint8Array, pos: number): number {
  for (let i = 0; i < s.length; i++) out[pos++] = s.charCodeAt(i);
  return pos;
}

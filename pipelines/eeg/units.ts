/**
 * Explicit unit conversion. Readers call `voltageScaleToMicrovolts` once per
 * channel and fold the factor into their linear scaling, so no data pass is
 * spent on conversion; everything else uses `convertUnits`.
 */

const MICRO = /^(µ|μ|u|micro)/i;

/** Factors from a voltage unit to microvolts; keys are normalised by `normaliseUnit`. */
const TO_MICROVOLTS: Record<string, number> = {
  nV: 1e-3,
  'µV': 1,
  mV: 1e3,
  V: 1e6,
  kV: 1e9,
};

/**
 * Canonical spelling of a unit: both micro signs (U+00B5, U+03BC) and the ASCII
 * 'u' become 'µ', 'microvolt(s)' becomes 'µV'. Unknown units come back trimmed.
 */
export function normaliseUnit(unit: string): string {
  // "Âµ" is a UTF-8 micro sign read as Latin-1 (a header whose Codepage lies).
  const u = unit.trim().replace(/^Â(?=µ)/, '');
  // Voltages written in lower case ("uv", "mv") are common in hand-made headers.
  const volt = /^([nµμum]?)v$/i.exec(u);
  if (volt && u !== 'MV') return `${{ n: 'n', µ: 'µ', μ: 'µ', u: 'µ', m: 'm', '': '' }[volt[1]!.toLowerCase()] ?? ''}V`;
  if (/^micro ?volts?$/i.test(u)) return 'µV';
  if (/^milli ?volts?$/i.test(u)) return 'mV';
  if (/^volts?$/i.test(u)) return 'V';
  if (/^nano ?volts?$/i.test(u)) return 'nV';
  if (u.length >= 2 && MICRO.test(u) && !/^micro/i.test(u)) return 'µ' + u.slice(1);
  return u;
}

export function isVoltageUnit(unit: string): boolean {
  return normaliseUnit(unit) in TO_MICROVOLTS;
}

/** Factor that turns a value in `unit` into µV, or null when `unit` is not a voltage. */
export function voltageScaleToMicrovolts(unit: string): number | null {
  return TO_MICROVOLTS[normaliseUnit(unit)] ?? null;
}

/** Factor between two voltage units; throws for non-voltage units so mistakes are loud. */
export function unitFactor(from: string, to: string): number {
  const a = voltageScaleToMicrovolts(from);
  const b = voltageScaleToMicrovolts(to);
  if (a === null || b === null) {
    throw new Error(`cannot convert "${from}" to "${to}": only voltage units (nV, µV, mV, V) convert`);
  }
  return a / b;
}

/** Returns a new array in `to`; the input is left untouched. */
export function convertUnits(data: Float32Array, from: string, to: string): Float32Array {
  const f = unitFactor(from, to);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! * f;
  return out;
}

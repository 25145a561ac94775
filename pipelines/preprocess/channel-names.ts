/**
 * Channel names to 10-10 labels: recordings write "EEG Fp1", "Fp1-REF",
 * "FP1-LE"; sovaharmony's columns use the bare upper-case label ("FP1").
 */
const PREFIXES = [/^EEG[\s_-]+/i];
const SUFFIXES = [/[-_](REF|LE|RE|AVG|AR|M1|M2|A1|A2|CZ)$/i];

export function tenTenName(name: string, upperCase: boolean): string {
  let n = name.trim();
  for (const p of PREFIXES) n = n.replace(p, '');
  for (const s of SUFFIXES) n = n.replace(s, '');
  return upperCase ? n.toUpperCase() : n;
}

/** Relative power (a fraction) as a percentage with one decimal. */
export const percent = (v: number): string => `${(v * 100).toFixed(1)} %`;

import type { PromotionGate } from './types';

const text = (gate: PromotionGate): string => `${gate.metric}, ${gate.direction} is better`;

/** The trail's words for a gate change, or null when the gate stays as it was (nothing to record). */
export function describeGateChange(before: PromotionGate | null, after: PromotionGate | null): string | null {
  if (before?.metric === after?.metric && before?.direction === after?.direction) return null;
  if (!before) return `Promotion gate set: ${text(after!)}`;
  if (!after) return `Promotion gate removed (was ${text(before)})`;
  return `Promotion gate changed from ${text(before)} to ${text(after)}`;
}

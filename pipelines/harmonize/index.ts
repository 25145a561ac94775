export { applyCombat, type AppliedCombat, type HarmonizationWarning } from './apply-combat';
export { fitCombat, type FittedCombat } from './fit-combat';
export { applyToTable, combatInputFromTable, fitTable, type HarmonizedTable } from './feature-table';
export type { CombatInput, CovariateValue } from './input';
export { defaultHarmonization, harmonizationOf, harmonizationSchema, type HarmonizationOptions } from './options';
export { COMBAT_FORMAT, combatParamsSchema, parseCombatParams, parseCombatParamsJson, type CombatParams } from './params';
export { checkSameFeatures, featureSpecHash } from './spec-check';
export { readCombatParams } from './read-params';

/**
 * Hyper-parameter search, pure parts: spaces and presets, candidates (grid or
 * randomized), cross-validation of one candidate, and the choice of the best.
 * The parallel runner on the executor's worker pool is pipelines/flows/ml-search.
 */
export { GBT_SEARCH, LOGREG_SEARCH, ORIGINAL_RF_SEARCH, SEARCH_PRESETS, gridCandidates, gridPoint, gridSize, presetFor, randomCandidates } from './space';
export type { SearchPreset, SearchSpace } from './space';
export { SCORINGS, chooseBest, crossValidate, score, summarizeScores } from './cross-validate';
export type { CandidateRequest, CandidateResult, CvSummary, Scoring } from './cross-validate';

/** The hyper-parameter search on the worker pool: the chunk task (register it in the calling flow's `tasks`) and the runner. */
export { searchChunkTask } from './search-task';
export type { SearchChunkInput } from './search-task';
export { planSearch, runSearchInline, runSearchOnPool } from './run-search';
export type { PoolSearchOptions, SearchOutcome, SearchPlan, SearchRequest } from './run-search';

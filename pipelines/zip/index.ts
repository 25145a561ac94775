export { extractZip } from './extract';
export type { ExtractOptions, ExtractResult } from './extract';
export { DEFAULT_ZIP_LIMITS } from './limits';
export type { ZipLimits } from './limits';
export { isSymlinkEntry, safeEntryPath } from './entry-path';

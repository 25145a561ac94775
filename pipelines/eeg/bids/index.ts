export { loadBidsDataset } from './dataset';
export type { BidsDataset, BidsRecording } from './dataset';
export type { Finding, Severity } from './findings';
export { parseBidsName } from './entities';
export { parseTsv } from './tsv';

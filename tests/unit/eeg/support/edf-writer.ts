/** The EDF writer lives beside the reader; the tests use it to build unusual files. */
export * from '../../../../pipelines/eeg/edf/edf-writer';

/**
 * Validation findings, shaped like the BIDS validator's issues: the file
 * concerned, a stable rule code, a severity and a message for a researcher.
 */
export type Severity = 'error' | 'warning';

export interface Finding {
  /** Path relative to the dataset root ('' for the dataset as a whole). */
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  /** The recording (relative path) this finding makes unusable or concerns. */
  recording?: string;
}

export class Findings {
  readonly list: Finding[] = [];

  error(file: string, rule: string, message: string, recording?: string): void {
    this.list.push({ file, rule, severity: 'error', message, ...(recording ? { recording } : {}) });
  }

  warning(file: string, rule: string, message: string, recording?: string): void {
    this.list.push({ file, rule, severity: 'warning', message, ...(recording ? { recording } : {}) });
  }

  hasErrorFor(recording: string): boolean {
    return this.list.some((f) => f.severity === 'error' && f.recording === recording);
  }
}

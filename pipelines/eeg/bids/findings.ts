/**
 * Validation findings, shaped like the BIDS validator's issues: the file
 * concerned, a stable rule code, a severity and a message for a researcher.
 *
 * The same finding about one file (a required field missing from a sidecar
 * that 12 recordings inherit) is reported once, listing every recording it
 * affects, rather than once per recording.
 */
export type Severity = 'error' | 'warning';

export interface Finding {
  /** Path relative to the dataset root ('' for the dataset as a whole). */
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  /** The first recording (relative path) this finding makes unusable or concerns. */
  recording?: string;
  /** Every recording it concerns, in the order they were checked (present whenever `recording` is). */
  recordings?: string[];
}

export class Findings {
  readonly list: Finding[] = [];
  private readonly byKey = new Map<string, Finding>();
  private readonly errorRecordings = new Set<string>();

  error(file: string, rule: string, message: string, recording?: string): void {
    this.add('error', file, rule, message, recording);
  }

  warning(file: string, rule: string, message: string, recording?: string): void {
    this.add('warning', file, rule, message, recording);
  }

  hasErrorFor(recording: string): boolean {
    return this.errorRecordings.has(recording);
  }

  private add(severity: Severity, file: string, rule: string, message: string, recording?: string): void {
    if (severity === 'error' && recording) this.errorRecordings.add(recording);
    const key = JSON.stringify([severity, file, rule, message]);
    const seen = this.byKey.get(key);
    if (seen) {
      if (recording && !seen.recordings?.includes(recording)) {
        seen.recordings = [...(seen.recordings ?? []), recording];
        seen.recording ??= recording;
      }
      return;
    }
    const finding: Finding = { file, rule, severity, message, ...(recording ? { recording, recordings: [recording] } : {}) };
    this.byKey.set(key, finding);
    this.list.push(finding);
  }
}

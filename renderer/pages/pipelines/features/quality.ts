/**
 * The per-recording quality report of a `features` run (its quality.json
 * artifact), one entry per recording, with the error of those that have no row.
 */

export interface RecordingQuality {
  path: string;
  /** Whether the recording has a row in the table. */
  inTable: boolean;
  /** Channels dropped as `status=bad` in channels.tsv. */
  badChannels: string[];
  /** Channels the bad_channels step found and interpolated. */
  interpolatedChannels: string[];
  epochsTotal: number | null;
  epochsKept: number | null;
  epochsRejected: number | null;
  secondsKept: number | null;
  error: { code: string; message: string } | null;
}

interface QualityJson {
  recordings?: Array<{
    path: string;
    ok: boolean;
    badChannels?: string[];
    interpolatedChannels?: string[];
    epochsTotal?: number;
    epochsKept?: number;
    epochsRejected?: number;
    secondsKept?: number;
    error?: { code: string; message: string };
  }>;
  /** Every recording without a row: those that failed and those the table could not take. */
  errors?: Array<{ path: string; code: string; message: string }>;
}

export function parseQuality(json: unknown): RecordingQuality[] {
  const report = json as QualityJson;
  const tableErrors = new Map((report.errors ?? []).map((e) => [e.path, { code: e.code, message: e.message }]));
  return (report.recordings ?? []).map((r) => {
    const error = r.ok ? (tableErrors.get(r.path) ?? null) : (r.error ?? tableErrors.get(r.path) ?? { code: 'FAILED', message: 'The recording failed.' });
    return {
      path: r.path,
      inTable: error === null,
      badChannels: r.badChannels ?? [],
      interpolatedChannels: r.interpolatedChannels ?? [],
      epochsTotal: r.epochsTotal ?? null,
      epochsKept: r.epochsKept ?? null,
      epochsRejected: r.epochsRejected ?? null,
      secondsKept: r.secondsKept ?? null,
      error,
    };
  });
}

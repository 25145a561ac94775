/**
 * One recording's features through the model's ComBat parameters. The site and
 * covariates come from participants.tsv. A site the fit never saw follows the
 * model's rule (its spec's harmonization.unknownSite): `refuse` fails the
 * recording with the known sites named, `pass` keeps its features uncorrected
 * with a warning. One row at a time, so one recording's refusal never stops
 * the others.
 */
import { applyCombat, type CombatParams, type HarmonizationOptions } from '../../harmonize';
import type { CovariateValue } from '../../harmonize/input';
import type { Table } from '../../eeg/bids/tsv';
import { isNA } from '../../eeg/bids/tsv';

export interface HarmonizedRow {
  values: Float64Array;
  warnings: string[];
}

function participantRow(participants: Table | null, subject: string): Record<string, string> | undefined {
  return participants?.rows.find((r) => (r['participant_id'] ?? '').replace(/^sub-/, '') === subject);
}

/** `vector` holds `params.features` in order. */
export function harmonizeRecording(
  params: CombatParams,
  policy: Pick<HarmonizationOptions, 'unknownSite'>,
  participants: Table | null,
  recording: { subject: string; path: string },
  vector: Float64Array,
): HarmonizedRow {
  const row = participantRow(participants, recording.subject);
  const cell = (column: string): string | null => (row && !isNA(row[column]) ? row[column]! : null);
  const covariates: Record<string, CovariateValue[]> = Object.fromEntries(
    params.covariates.map((c) => {
      const v = cell(c.column);
      return [c.column, [v === null ? null : c.kind === 'numeric' ? Number(v) : v]];
    }),
  );
  const applied = applyCombat(params, { features: params.features, rows: [vector], sites: [cell(params.batch)], covariates, labels: [recording.path] }, policy);
  return { values: applied.rows[0]!, warnings: applied.warnings.map((w) => w.message) };
}

/**
 * The recording's own header against what its sidecars claim: channel count,
 * names and order (channels.tsv must list the file's channels in the file's
 * order), and sampling frequency (_eeg.json, and channels.tsv per channel).
 */
import type { RecordingHeader } from '../types';
import type { Findings } from './findings';
import type { Sidecars } from './sidecars';
import { isNA } from './tsv';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

export function checkHeaderAgainstSidecars(rec: string, header: RecordingHeader, sc: Sidecars, findings: Findings): void {
  const sf = sc.eegJson?.['SamplingFrequency'];
  const jsonFile = sc.eegJsonFiles[sc.eegJsonFiles.length - 1] ?? rec;
  if (typeof sf === 'number' && !close(sf, header.samplingRate)) {
    findings.error(jsonFile, 'SAMPLING_FREQUENCY_MISMATCH', `${jsonFile} says SamplingFrequency ${sf} Hz but ${rec} is sampled at ${header.samplingRate} Hz`, rec);
  }
  if (!sc.channels || !sc.channels.table.columns.includes('name')) return;
  const { file, table } = sc.channels;
  const listed = table.rows.map((r) => r['name'] ?? '');
  const actual = header.channels.map((c) => c.name);
  if (listed.length !== actual.length) {
    findings.error(file, 'CHANNEL_COUNT_MISMATCH', `${file} lists ${listed.length} channels but ${rec} has ${actual.length}`, rec);
  }
  const missing = actual.filter((n) => !listed.includes(n));
  const extra = listed.filter((n) => !actual.includes(n));
  if (missing.length || extra.length) {
    const parts = [
      missing.length ? `in the file but not listed: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}` : '',
      extra.length ? `listed but not in the file: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}` : '',
    ].filter(Boolean);
    findings.error(file, 'CHANNEL_NAME_MISMATCH', `${file} and ${rec} disagree on channel names (${parts.join('; ')})`, rec);
  } else if (listed.some((n, i) => n !== actual[i])) {
    const i = listed.findIndex((n, k) => n !== actual[k]);
    findings.error(file, 'CHANNEL_ORDER_MISMATCH', `${file} lists the channels in another order than ${rec} (row ${i + 2} is ${listed[i]}, the file has ${actual[i]})`, rec);
  }
  if (table.columns.includes('sampling_frequency')) {
    table.rows.forEach((row, i) => {
      const v = row['sampling_frequency'];
      const ch = header.channels.find((c) => c.name === row['name']);
      if (ch && !isNA(v) && !close(Number(v), ch.samplingRate)) {
        findings.error(file, 'SAMPLING_FREQUENCY_MISMATCH', `${file} line ${i + 2}: ${ch.name} sampling_frequency ${v} Hz, but the file samples it at ${ch.samplingRate} Hz`, rec);
      }
    });
  }
}

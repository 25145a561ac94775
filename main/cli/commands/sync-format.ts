import type { Output } from '../../contract';

type PushReport = Output<'sync.push'>;

function failuresText(failures: PushReport['failures']): string[] {
  return failures.map((f) => `  failed ${f.kind} ${f.id}: ${f.message} [${f.code}]`);
}

export function pushText(r: PushReport): string {
  const lines = [
    `Pushed ${r.scope} to ${r.remote} in ${(r.durationMs / 1000).toFixed(1)} s.`,
    `  runs: ${r.runs.pushed} pushed (${r.runs.created} new), ${r.runs.unchanged} unchanged, ${r.runs.failed} failed`,
    `  experiments: ${r.experiments.created} created, ${r.experiments.matched} matched by name`,
    `  ${r.params} params, ${r.tags} tags, ${r.metricPoints} metric points, ${r.artifacts.uploaded} artifacts (${r.artifacts.bytes} bytes)`,
    `  models: ${r.models.pushed} pushed, ${r.models.unchanged} unchanged, ${r.models.failed} failed; ${r.versions.created} versions created, ${r.aliases} aliases, ${r.stages} stage changes`,
    ...failuresText(r.failures),
  ];
  if (r.stoppedBy) lines.push(`Stopped: ${r.stoppedBy.message} [${r.stoppedBy.code}]`, 'What was not pushed stays pending; run the same command again to resume.');
  return lines.join('\n');
}

export function statusText(s: Output<'sync.status'>): string {
  if (!s.remote) return 'No remote yet: push with "neuroops sync push --remote URL", or set the remote in Settings.';
  const when = s.lastPushTime ? new Date(s.lastPushTime).toISOString() : 'never';
  return [
    `Remote ${s.remote}; last push ${when}${s.lastError ? ` (${s.lastError})` : ''}.`,
    `  runs: ${s.runs.synced} synced, ${s.runs.pending} pending, ${s.runs.failed} failed`,
    `  models: ${s.models.synced} synced, ${s.models.pending} pending, ${s.models.failed} failed`,
    `  automatic: ${s.auto.minutes ? `every ${s.auto.minutes} min` : 'off'}`,
    ...s.failures.map((f) => `  failed ${f.kind} ${f.id}: ${f.message} [${f.code}]`),
  ].join('\n');
}

export function pullText(r: Output<'sync.pull'>): string {
  if (r.alreadyPulled) return `Version ${r.remoteVersion} of ${r.name} was pulled before: it is local version ${r.version} (run ${r.runId}).`;
  return [
    `Pulled ${r.name} version ${r.remoteVersion} from ${r.remote} as local version ${r.version} (run ${r.runId}); files checked by ${r.verifiedBy}:`,
    ...r.files.map((f) => `  ${f.path}  ${f.bytes} bytes  sha256 ${f.sha256}`),
  ].join('\n');
}

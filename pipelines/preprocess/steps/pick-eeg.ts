/**
 * Step 1: keep the EEG channels. The type comes from channels.tsv when it
 * lists the channel, else from the file; channels marked `status=bad` there
 * are dropped when the spec honours them. Names become 10-10 labels; data
 * stay in µV (the readers convert voltages to µV).
 */
import { PipelineError } from '../../errors';
import { isVoltageUnit } from '../../eeg/units';
import type { StepOf } from '../spec';
import type { EegState, RecordingContext, StepResult } from '../types';
import { tenTenName } from '../channel-names';

export function pickEeg(ctx: RecordingContext, step: StepOf<'pick_eeg'>): StepResult {
  const { recording } = ctx;
  const rows = new Map(ctx.channelsTsv.map((r) => [r.name ?? '', r]));
  const channels: string[] = [];
  const data: Float32Array[] = [];
  const droppedBad: string[] = [];
  let sfreq = 0;
  recording.channels.forEach((ch, i) => {
    const row = rows.get(ch.name);
    const type = (row?.type ?? ch.type).toUpperCase();
    if (type !== 'EEG') return;
    if (step.params.honourBadChannels && row?.status?.toLowerCase() === 'bad') {
      droppedBad.push(ch.name);
      return;
    }
    if (!isVoltageUnit(ch.unit)) {
      throw new PipelineError('INVALID_CHANNEL', `${ctx.label}: EEG channel "${ch.name}" is in "${ch.unit}", not a voltage.`);
    }
    if (sfreq && ch.samplingRate !== sfreq) {
      throw new PipelineError('MIXED_RATES', `${ctx.label}: EEG channels have different sampling rates (${sfreq} Hz and ${ch.samplingRate} Hz for "${ch.name}").`);
    }
    sfreq = ch.samplingRate;
    const name = tenTenName(ch.name, step.params.upperCaseNames);
    if (channels.includes(name)) throw new PipelineError('DUPLICATE_CHANNEL', `${ctx.label}: two EEG channels are both named "${name}".`);
    channels.push(name);
    data.push(recording.data[i]!);
  });
  if (channels.length === 0) {
    throw new PipelineError('NO_EEG_CHANNELS', `${ctx.label}: no EEG channel (after dropping ${droppedBad.length} marked bad in channels.tsv).`);
  }
  const state: EegState = { sfreq, channels, data, epochs: null, scale: 1 };
  return {
    state,
    report: {
      step: 'pick_eeg',
      summary: `${channels.length} EEG channels at ${sfreq} Hz${droppedBad.length ? `; dropped as bad: ${droppedBad.join(', ')}` : ''}`,
      details: { channels, droppedBad, sfreq },
    },
  };
}

/**
 * EEGLAB fields from a level-5 MAT file. EEGLAB saves either one variable
 * `EEG` (a 1×1 struct) or, in newer versions, each field as its own variable;
 * both are accepted.
 */
import { matNumber, matString, readMat5 } from './mat5';
import type { MatStruct, MatValue } from './mat5';
import { inlineData } from './fields';
import type { EeglabChannel, EeglabEvent, EeglabFields } from './fields';

export class EeglabFieldError extends Error {}

export function eeglabFromMat5(bytes: Uint8Array): EeglabFields {
  const vars = readMat5(bytes);
  const eeg = vars.get('EEG');
  const get: (k: string) => MatValue | undefined =
    eeg?.kind === 'struct' ? (k) => eeg.elements[0]?.[k] : (k) => vars.get(k);
  if (!get('srate') || !get('nbchan')) {
    throw new EeglabFieldError('no EEGLAB dataset in it (neither an EEG struct nor srate/nbchan variables)');
  }
  const num = (k: string, fallback?: number): number => {
    const v = matNumber(get(k)) ?? fallback;
    if (v === undefined || !Number.isFinite(v)) throw new EeglabFieldError(`field "${k}" is missing or not a number`);
    return v;
  };
  const nbchan = num('nbchan');
  const pnts = num('pnts');
  const trials = num('trials', 1);

  const dataValue = get('data');
  let data: EeglabFields['data'];
  if (dataValue?.kind === 'char') {
    data = { kind: 'file', name: matString(dataValue)! };
  } else if (dataValue?.kind === 'numeric') {
    data = inlineData(dataValue.data, nbchan, pnts * trials);
  } else {
    // Old EEGLAB versions keep the .fdt name in `datfile` only.
    const datfile = matString(get('datfile'));
    if (!datfile) throw new EeglabFieldError('field "data" is neither a numeric matrix nor a data file name');
    data = { kind: 'file', name: datfile };
  }

  return {
    srate: num('srate'),
    nbchan,
    pnts,
    trials,
    data,
    chanlocs: chanlocs(get('chanlocs')),
    events: events(get('event')),
    setname: matString(get('setname')) ?? '',
    ref: matString(get('ref')) ?? '',
  };
}

function structRecords(v: MatValue | undefined): MatStruct['elements'] {
  return v?.kind === 'struct' ? v.elements : [];
}

function chanlocs(v: MatValue | undefined): EeglabChannel[] {
  return structRecords(v).map((e) => {
    const x = matNumber(e['X']);
    const y = matNumber(e['Y']);
    const z = matNumber(e['Z']);
    const ch: EeglabChannel = { label: matString(e['labels']) ?? '', type: matString(e['type']) ?? '' };
    if (x !== undefined && y !== undefined && z !== undefined) ch.position = { x, y, z };
    return ch;
  });
}

function events(v: MatValue | undefined): EeglabEvent[] {
  return structRecords(v).map((e) => ({
    type: matString(e['type']) ?? '',
    latency: matNumber(e['latency']) ?? NaN,
    duration: e['duration'] === undefined ? 0 : (matNumber(e['duration']) ?? NaN),
  }));
}

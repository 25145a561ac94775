/**
 * The parts of an EEGLAB dataset (the EEG struct) that a recording needs,
 * independent of whether they came from a MAT v5 or a v7.3 (HDF5) file.
 */

export interface EeglabChannel {
  label: string;
  type: string;
  position?: { x: number; y: number; z: number };
}

export interface EeglabEvent {
  type: string;
  /** 1-based sample, as EEGLAB stores it; may be fractional. */
  latency: number;
  /** In samples; NaN when the field is empty. */
  duration: number;
}

export interface EeglabFields {
  srate: number;
  nbchan: number;
  pnts: number;
  trials: number;
  /**
   * Inline data as MATLAB's flat column-major matrix (split into channels
   * only when samples are asked for, so reading the header stays cheap), or
   * the name of the .fdt file.
   */
  data: { kind: 'inline'; flat: ArrayLike<number> } | { kind: 'file'; name: string };
  chanlocs: EeglabChannel[];
  events: EeglabEvent[];
  setname: string;
  ref: string;
}

/** Checks that inline data holds the whole nbchan × samples matrix. */
export function inlineData(flat: ArrayLike<number>, nbchan: number, samples: number): EeglabFields['data'] {
  if (flat.length < nbchan * samples) {
    throw new RangeError(`inline data holds ${flat.length} values, fewer than nbchan × pnts = ${nbchan * samples}`);
  }
  return { kind: 'inline', flat };
}

/**
 * Splits MATLAB's column-major nbchan × samples matrix (value (c, s) at
 * s·nbchan + c, the same flat order in MAT v5 and v7.3) into channels.
 */
export function splitChannels(flat: ArrayLike<number>, nbchan: number, samples: number): Float32Array[] {
  const channels = Array.from({ length: nbchan }, () => new Float32Array(samples));
  for (let s = 0, i = 0; s < samples; s++) for (let c = 0; c < nbchan; c++) channels[c]![s] = flat[i++]!;
  return channels;
}

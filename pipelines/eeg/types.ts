import type { AnnotationList } from './annotation-table';

/**
 * The one in-memory shape every EEG reader produces.
 *
 * Data are Float32 per channel and always in microvolts for voltage channels
 * (readers convert from the file's unit with the explicit factors in units.ts).
 * Channels whose unit is not a voltage (a trigger, a temperature, GSR in µS)
 * keep their own physical unit, recorded in `unit`, and are never rescaled.
 */

export type RecordingFormat = 'EDF' | 'EDF+' | 'BDF' | 'BDF+' | 'BrainVision' | 'EEGLAB';

/** BIDS channel types (upper-case as in channels.tsv); MISC when the file does not say. */
export type ChannelType =
  | 'EEG' | 'EOG' | 'ECG' | 'EMG' | 'TRIG' | 'MISC' | 'REF' | 'RESP' | 'GSR' | 'TEMP' | 'SYSCLOCK'
  | (string & {});

export interface ChannelInfo {
  name: string;
  type: ChannelType;
  /** Unit of the values this library returns: 'µV' for voltages, else the file's physical unit. */
  unit: string;
  /** The unit written in the file, before conversion. */
  fileUnit: string;
  samplingRate: number;
  /** Number of samples of this channel in the whole recording. */
  sampleCount: number;
  /** Free-form extras from the file (EDF transducer/prefilter, BrainVision reference, EEGLAB position...). */
  details?: Record<string, string | number>;
}

export interface Annotation {
  /** Seconds from the recording start. */
  onset: number;
  /** Seconds; 0 for an instantaneous event. */
  duration: number;
  text: string;
  /** Channel names the annotation refers to, when the file restricts it to some. */
  channels?: string[];
}

/**
 * Wall-clock start as written in the file, without time zone (EDF and
 * BrainVision store local time and say nothing about the zone).
 */
export interface StartTime {
  /** 'YYYY-MM-DDTHH:MM:SS' plus a fractional part when there is one. */
  iso: string;
  /** The sub-second part in seconds (EDF+ first TAL, BrainVision microseconds). */
  subsecond: number;
}

/** A stretch of contiguous samples; an EDF+D file has several with gaps between them. */
export interface Segment {
  /** Index, in samples of the header's samplingRate, of the segment's first sample. */
  startSample: number;
  sampleCount: number;
  /** Seconds from the recording start at which the segment's first sample was taken. */
  onset: number;
}

export interface Gap {
  /** Seconds from the recording start where the gap begins. */
  onset: number;
  duration: number;
}

export interface RecordingHeader {
  format: RecordingFormat;
  path: string;
  channels: ChannelInfo[];
  /** The highest channel rate; sample indices in the API are counted at this rate. */
  samplingRate: number;
  /** Samples at `samplingRate`. */
  sampleCount: number;
  /** Seconds of recorded data (gaps of EDF+D excluded). */
  duration: number;
  startTime: StartTime | null;
  annotations: Annotation[];
  /**
   * The same annotations in columns, when the reader kept them so (EDF+/BDF+,
   * which may hold millions); `annotations` is then built on first access.
   */
  annotationTable?: AnnotationList;
  /** One segment for continuous files; several, with gaps between them, for EDF+D. */
  segments: Segment[];
  gaps: Gap[];
  /** Format-specific header fields worth showing (patient/recording id, codepage...). */
  details: Record<string, string | number>;
  /** What the reader accepted although the file bends its format's rules (e.g. a BrainVision marker at position 0). */
  warnings?: ReaderWarning[];
}

export interface ReaderWarning {
  /** Stable code, e.g. BRAINVISION_MARKER_POSITION_ZERO. */
  code: string;
  message: string;
}

export interface Recording extends RecordingHeader {
  /** One array per channel, same order as `channels`; length = channel.sampleCount. */
  data: Float32Array[];
}

/** Channel data for a range, as returned by a reader. */
export interface ChannelRange {
  /** First sample of each channel's slice, in that channel's own rate. */
  firstSample: number[];
  data: Float32Array[];
}

/**
 * A file opened for reading. The header is parsed on open; data is read on
 * request, so a 2 GB recording costs only the bytes asked for.
 */
export interface RecordingReader {
  readonly header: RecordingHeader;
  /**
   * Samples [start, end) counted at header.samplingRate. A channel at a lower
   * rate gets the samples that cover the same time span.
   * `channels` selects by index; all channels when omitted.
   */
  readSamples(start: number, end: number, channels?: number[]): Promise<ChannelRange>;
  close(): Promise<void>;
}

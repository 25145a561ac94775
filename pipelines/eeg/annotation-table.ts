/**
 * Annotations held in columns: onsets and durations in Float64 arrays, texts
 * as indices into the list of distinct texts. An EDF+ file can hold millions
 * of annotations; as objects they cost about 90 bytes each, in columns 20
 * (plus each distinct text once). Readers that produce many annotations
 * (EDF+/BDF+) fill one of these, and the header's `annotations` array is only
 * built if something asks for it.
 */
import type { Annotation } from './types';

/** Read access to a list of annotations in onset order, whatever holds it. */
export interface AnnotationList {
  readonly length: number;
  onset(i: number): number;
  duration(i: number): number;
  text(i: number): string;
}

export class AnnotationTable implements AnnotationList {
  private onsets = new Float64Array(1024);
  private durations = new Float64Array(1024);
  private textIds = new Uint32Array(1024);
  private readonly texts: string[] = [];
  private readonly ids = new Map<string, number>();
  private count = 0;
  /** Positions in onset order once `seal()` found them out of order; null when already in order. */
  private order: Uint32Array | null = null;

  get length(): number {
    return this.count;
  }

  add(onset: number, duration: number, text: string): void {
    if (this.count === this.onsets.length) this.grow();
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.ids.set(text, id);
    }
    this.onsets[this.count] = onset;
    this.durations[this.count] = duration;
    this.textIds[this.count] = id;
    this.count++;
  }

  /** Sorts by onset (stably) once all are added; usually they already are in order and nothing moves. */
  seal(): void {
    const n = this.count;
    for (let i = 1; i < n; i++) {
      if (this.onsets[i]! < this.onsets[i - 1]!) {
        const onsets = this.onsets;
        this.order = Uint32Array.from({ length: n }, (_, k) => k).sort((a, b) => onsets[a]! - onsets[b]! || a - b);
        return;
      }
    }
  }

  private at(i: number): number {
    return this.order ? this.order[i]! : i;
  }

  onset(i: number): number {
    return this.onsets[this.at(i)]!;
  }

  duration(i: number): number {
    return this.durations[this.at(i)]!;
  }

  text(i: number): string {
    return this.texts[this.textIds[this.at(i)]!]!;
  }

  /** The distinct texts, and each annotation's index among them (for writers that encode each text once). */
  textId(i: number): number {
    return this.textIds[this.at(i)]!;
  }

  distinctTexts(): readonly string[] {
    return this.texts;
  }

  toArray(): Annotation[] {
    const out: Annotation[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = { onset: this.onset(i), duration: this.duration(i), text: this.text(i) };
    return out;
  }

  private grow(): void {
    const size = this.onsets.length * 2;
    const onsets = new Float64Array(size);
    onsets.set(this.onsets);
    this.onsets = onsets;
    const durations = new Float64Array(size);
    durations.set(this.durations);
    this.durations = durations;
    const ids = new Uint32Array(size);
    ids.set(this.textIds);
    this.textIds = ids;
  }
}

/** An array of annotations seen through the same interface. */
export function annotationList(header: { annotations: Annotation[]; annotationTable?: AnnotationList }): AnnotationList {
  if (header.annotationTable) return header.annotationTable;
  const a = header.annotations;
  return { length: a.length, onset: (i) => a[i]!.onset, duration: (i) => a[i]!.duration, text: (i) => a[i]!.text };
}

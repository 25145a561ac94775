/**
 * EEGLAB fields from a MAT v7.3 file, which is HDF5 with MATLAB conventions:
 * - every variable is a dataset or group with a MATLAB_class attribute;
 * - dimensions are stored reversed (a MATLAB nbchan×pnts matrix is an HDF5
 *   pnts×nbchan dataset), so the flat order is MATLAB's column-major order;
 * - char arrays are uint16 code units;
 * - a struct is a group; in a struct array each field is a dataset of object
 *   references (into "#refs#"), one per element;
 * - empty arrays carry MATLAB_empty=1 and store their dimensions as data.
 * Decoded with h5wasm (HDF5 compiled to WebAssembly; pure JS at run time).
 */
import type { Dataset, Group, Entity } from 'h5wasm';
import { inlineData } from './fields';
import type { EeglabChannel, EeglabEvent, EeglabFields } from './fields';
import { EeglabFieldError } from './from-mat5';

type H5 = typeof import('h5wasm');
let h5: Promise<H5> | undefined;

/** Loads h5wasm's Node build once. Electron defines `navigator`, which the Emscripten glue mistakes for a browser. */
async function loadH5(): Promise<H5> {
  h5 ??= (async () => {
    const nav = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    if (nav?.configurable) Object.defineProperty(globalThis, 'navigator', { value: undefined, configurable: true });
    try {
      const mod = (await import('h5wasm/node')) as unknown as H5;
      await mod.ready;
      return mod;
    } finally {
      if (nav?.configurable) Object.defineProperty(globalThis, 'navigator', nav);
    }
  })();
  return h5;
}

type Plain = string | number[] | Float32Array | Plain[] | { [k: string]: Plain } | null;

export async function eeglabFromHdf5(path: string): Promise<EeglabFields> {
  const lib = await loadH5();
  const file = new lib.File(path, 'r');
  try {
    const root: Group = file;
    const eeg = root.get('EEG');
    const scope = eeg && isGroup(eeg) ? eeg : root;
    const field = (k: string): Entity | null => (scope.keys().includes(k) ? scope.get(k) : null);
    const num = (k: string, fallback?: number): number => {
      const e = field(k);
      const v = e ? toPlain(e, file) : null;
      const n = Array.isArray(v) || v instanceof Float32Array ? Number(v[0]) : typeof v === 'string' ? Number(v) : NaN;
      if (Number.isFinite(n)) return n;
      if (fallback !== undefined) return fallback;
      throw new EeglabFieldError(`field "${k}" is missing or not a number`);
    };
    const nbchan = num('nbchan');
    const pnts = num('pnts');
    const trials = num('trials', 1);

    let data: EeglabFields['data'];
    const d = field('data');
    if (!d) throw new EeglabFieldError('field "data" is missing');
    if (isDataset(d) && matlabClass(d) !== 'char') {
      data = inlineData(d.value as ArrayLike<number>, nbchan, pnts * trials);
    } else {
      data = { kind: 'file', name: String(toPlain(d, file)) };
    }

    return {
      srate: num('srate'),
      nbchan,
      pnts,
      trials,
      data,
      chanlocs: structArray(field('chanlocs'), file).map((r): EeglabChannel => {
        const ch: EeglabChannel = { label: str(r['labels']), type: str(r['type']) };
        const [x, y, z] = [first(r['X']), first(r['Y']), first(r['Z'])];
        if (x !== undefined && y !== undefined && z !== undefined) ch.position = { x, y, z };
        return ch;
      }),
      events: structArray(field('event'), file).map((r): EeglabEvent => ({
        type: typeof r['type'] === 'string' ? r['type'] : String(first(r['type']) ?? ''),
        latency: first(r['latency']) ?? NaN,
        duration: 'duration' in r ? (first(r['duration']) ?? NaN) : 0,
      })),
      setname: field('setname') ? str(toPlain(field('setname')!, file)) : '',
      ref: field('ref') ? str(toPlain(field('ref')!, file)) : '',
    };
  } finally {
    file.close();
  }
}

function isGroup(e: Entity): e is Group {
  return typeof (e as Group).keys === 'function';
}
function isDataset(e: Entity): e is Dataset {
  return 'shape' in (e as object) && typeof (e as Dataset).slice === 'function';
}
function matlabClass(e: Dataset | Group): string {
  const a = e.attrs['MATLAB_class'];
  return a ? String(a.value) : '';
}

function str(v: Plain | undefined): string {
  return typeof v === 'string' ? v : v == null ? '' : Array.isArray(v) || v instanceof Float32Array ? String(v[0] ?? '') : '';
}
function first(v: Plain | undefined): number | undefined {
  if (Array.isArray(v) || v instanceof Float32Array) return v.length ? Number(v[0]) : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Converts a MATLAB-encoded HDF5 object to plain values, following references. */
function toPlain(e: Entity, file: Group): Plain {
  if (isGroup(e)) {
    const out: { [k: string]: Plain } = {};
    for (const k of e.keys()) {
      const child = e.get(k);
      if (child) out[k] = toPlain(child, file);
    }
    return out;
  }
  if (!isDataset(e)) return null;
  const cls = matlabClass(e);
  if (e.attrs['MATLAB_empty'] && Number(e.attrs['MATLAB_empty']!.value) === 1) return cls === 'char' ? '' : [];
  const value = e.value;
  if (cls === 'char') return String.fromCharCode(...Array.from(value as ArrayLike<number>));
  if (Array.isArray(value) && value.length && typeof value[0] === 'object') {
    return value.map((ref) => {
      const target = file.dereference(ref as never) as unknown as Entity | null;
      return target ? toPlain(target, file) : null;
    });
  }
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, Number);
  if (typeof value === 'number' || typeof value === 'bigint') return [Number(value)];
  return null;
}

/** A struct (array) group as one record per element. */
function structArray(e: Entity | null, file: Group): Array<Record<string, Plain>> {
  if (!e || !isGroup(e)) return [];
  const fields = Object.fromEntries(e.keys().map((k) => [k, e.get(k)] as const));
  const refFields = Object.entries(fields).filter(([, v]) => v && isDataset(v) && v.dtype === 'Reference');
  if (refFields.length === 0) {
    // A 1×1 struct stores its fields directly.
    const rec: Record<string, Plain> = {};
    for (const [k, v] of Object.entries(fields)) if (v) rec[k] = toPlain(v, file);
    return Object.keys(rec).length ? [rec] : [];
  }
  const columns = Object.fromEntries(refFields.map(([k, v]) => [k, toPlain(v!, file) as Plain[]]));
  const n = Math.max(...Object.values(columns).map((c) => c.length));
  return Array.from({ length: n }, (_, i) => Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c[i] ?? null])));
}

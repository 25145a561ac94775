import type { z } from 'zod';

/**
 * Building blocks of the API contract. A procedure is a request/response pair, an
 * event is a one-way message from the core to every listener. Both carry zod schemas
 * so that each transport validates what crosses it at run time, and both are declared
 * exactly once: transports, the renderer's client and the CLI are derived from them.
 */
export interface ProcedureOptions {
  /**
   * The input names a file or folder on the host's disk. Such a procedure is served over
   * IPC (the desktop app's native dialogs) and the CLI, which act as the user anyway, but
   * refused over HTTP, whose callers must not choose paths on the server's disk.
   */
  readonly hostPaths?: true;
  /** What an HTTP client uses instead (an upload or download route), told in the refusal. */
  readonly overHttp?: string;
}

export interface Procedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> extends ProcedureOptions {
  readonly kind: 'procedure';
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly summary: string;
  readonly payload: P;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(
  summary: string,
  input: I,
  output: O,
  options: ProcedureOptions = {},
): Procedure<I, O> {
  return { kind: 'procedure', summary, input, output, ...options };
}

export function event<P extends z.ZodType>(summary: string, payload: P): EventDef<P> {
  return { kind: 'event', summary, payload };
}

export type ProcedureMap = Record<string, Procedure>;
export type EventMap = Record<string, EventDef>;

/** What a caller sends: the schema's input type (before defaults are applied). */
export type InputOf<P> = P extends Procedure<infer I, z.ZodType> ? z.input<I> : never;
/** What a handler receives: the parsed input, with defaults applied. */
export type ParsedInputOf<P> = P extends Procedure<infer I, z.ZodType> ? z.output<I> : never;
export type OutputOf<P> = P extends Procedure<z.ZodType, infer O> ? z.output<O> : never;
export type PayloadOf<E> = E extends EventDef<infer P> ? z.output<P> : never;

/** A procedure whose input object has no required field may be called with no argument. */
type CallArgs<P> = Record<never, never> extends InputOf<P> ? [input?: InputOf<P>] : [input: InputOf<P>];

export type ProcedureFn<P> = (...args: CallArgs<P>) => Promise<OutputOf<P>>;

type NamespaceOf<K> = K extends `${infer NS}.${string}` ? NS : never;

/** `{ system: { health(): Promise<...> } }` from `{ 'system.health': procedure(...) }`. */
export type ClientOf<C extends ProcedureMap> = {
  [NS in NamespaceOf<keyof C>]: {
    [K in keyof C as K extends `${NS}.${infer Name}` ? Name : never]: ProcedureFn<C[K]>;
  };
};

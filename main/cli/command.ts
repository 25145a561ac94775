import type { Core } from '../app/core';

export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in --help, e.g. "NAME". */
  placeholder?: string;
  description: string;
  /**
   * A string option whose value may be left out: the next argument is taken as
   * its value only when it matches, and the option alone reads as ''. So
   * `--harmonize` and `--harmonize PARAMS.json` are both understood.
   */
  optionalValue?: RegExp;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Writes a chunk of a large output (text or binary) to standard output and
   * resolves when more may be written (backpressure). Without it, chunks go
   * through `stdout` as UTF-8 text.
   */
  write?: (chunk: Uint8Array) => Promise<void>;
}

/** `io.write`, or a fallback that decodes chunks (split anywhere) as UTF-8 text into `io.stdout`. */
export function chunkWriter(io: CliIo): (chunk: Uint8Array) => Promise<void> {
  if (io.write) return io.write;
  const decoder = new TextDecoder();
  return async (chunk) => io.stdout(decoder.decode(chunk, { stream: true }));
}

export interface CliContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  json: boolean;
  dataDir: string;
  io: CliIo;
  /** Opens the data folder (database, services) for this one command; closed afterwards. */
  openCore(): Promise<Core>;
}

/**
 * One subcommand. Features add theirs to the list in commands/index.ts; the parser,
 * --help, --json and error reporting are shared.
 */
export interface CliCommand {
  /** Words after `neuroops`, e.g. ['runs', 'list']. */
  path: string[];
  summary: string;
  /** Positional arguments as shown in usage, e.g. "RUN_ID". */
  args?: string;
  options?: Record<string, CliOption>;
  /** False for commands that print nothing worth parsing (serve, cancel). */
  supportsJson?: boolean;
  run(ctx: CliContext): Promise<number | void>;
}

/** Prints `data` as JSON with --json, or as text made by `toText` otherwise. */
export function printResult<T>(ctx: CliContext, data: T, toText: (data: T) => string): void {
  if (ctx.json) ctx.io.stdout(`${JSON.stringify(data, null, 2)}\n`);
  else ctx.io.stdout(toText(data).replace(/\n?$/, '\n'));
}

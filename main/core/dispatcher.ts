import type { RpcResult } from '../contract/errors';
import { procedures, type Output, type ParsedInput, type ProcedureName, type Input } from '../contract';
import { AppError } from './app-error';
import { toErrorBody } from './error-body';

/** Who is calling: which transport, (for HTTP) the client's address, and the named user the token belongs to. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'cli' | 'test';
  remoteAddress?: string;
  /**
   * The named user of a shared server (or `neuroops serve --user-name`). Handlers pass it
   * on as the actor a trail records; unset, services fall back to the OS user.
   */
  user?: string;
}

export type Handler<N extends ProcedureName> = (
  input: ParsedInput<N>,
  ctx: CallContext,
) => Output<N> | Promise<Output<N>>;

export type Handlers = { [N in ProcedureName]: Handler<N> };

/**
 * The one place where a call is validated, run and turned into a result. Every transport
 * (IPC, HTTP, the CLI) goes through `call`, so they cannot drift apart.
 */
export class Dispatcher {
  constructor(private readonly handlers: Handlers) {}

  has(name: string): name is ProcedureName {
    return Object.hasOwn(procedures, name);
  }

  /** Untyped entry point for transports: never throws, always answers a result. */
  async call(name: string, rawInput: unknown, ctx: CallContext): Promise<RpcResult> {
    try {
      return { ok: true, data: await this.run(name, rawInput, ctx) };
    } catch (error) {
      const body = toErrorBody(error);
      if (body.code === 'INTERNAL_ERROR') console.error(`procedure ${name} failed:`, error);
      return { ok: false, error: body };
    }
  }

  /** Typed entry point for in-process callers such as the CLI: throws AppError. */
  async invoke<N extends ProcedureName>(name: N, input: Input<N>, ctx: CallContext = { transport: 'cli' }): Promise<Output<N>> {
    const result = await this.call(name, input, ctx);
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    return result.data as Output<N>;
  }

  private async run(name: string, rawInput: unknown, ctx: CallContext): Promise<unknown> {
    if (!this.has(name)) throw new AppError('ENDPOINT_NOT_FOUND', `There is no procedure named "${name}".`);
    const def = procedures[name];
    // Before the input is even parsed, so the refusal is the same whatever the path names.
    if (def.hostPaths && ctx.transport === 'http') {
      throw new AppError(
        'PERMISSION_DENIED',
        `${name} takes a path on the server's disk, which only the desktop app and the command line may name. ${def.overHttp ?? ''}`.trim(),
      );
    }
    const input = def.input.parse(rawInput ?? {});
    const handler = this.handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    const output = await handler(input, ctx);
    const checked = def.output.safeParse(output);
    if (!checked.success) {
      throw new Error(`procedure ${name} returned a value its contract does not allow: ${checked.error.message}`);
    }
    return checked.data;
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import type { EventEnvelope, NeuroOpsBridge } from '../../../main/contract';
import { tempDir } from '../../support/temp-dir';

// The renderer's client, driven through a bridge that forwards to a real dispatcher,
// as preload does inside Electron.
describe('renderer API client over the preload bridge', () => {
  let core: Core;
  const listeners = new Set<(e: EventEnvelope) => void>();

  beforeAll(async () => {
    core = await createCore({ dataDir: tempDir('neuroops-client-') });
    const bridge: NeuroOpsBridge = {
      call: (name, input) => core.dispatcher.call(name, input, { transport: 'ipc' }),
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    core.events.subscribe((envelope) => listeners.forEach((l) => l(envelope)));
    (globalThis as { window?: unknown }).window = { neuroops: bridge };
  });

  afterAll(async () => {
    delete (globalThis as { window?: unknown }).window;
    await core.close();
  });

  it('turns api.namespace.verb() into the named call, typed from the contract', async () => {
    const { api } = await import('../../../renderer/api/client');
    const { transportKind } = await import('../../../renderer/api/transport');
    expect(transportKind).toBe('ipc');
    const health = await api.system.health();
    expect(health.status).toBe('ok');
    const info = await api.system.info();
    expect(info.dataDir).toBe(core.dataDir);
  });

  it('rejects with ApiError carrying the code and message', async () => {
    const { api, ApiError } = await import('../../../renderer/api/client');
    const failure = await api.shell.openExternal({ url: 'ftp://example.org/' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as InstanceType<typeof ApiError>).code).toBe('INVALID_PARAMETER_VALUE');
    expect((failure as Error).message).toContain('only http(s) links');
  });

  it('delivers only the events a listener asked for', async () => {
    const { onEvent } = await import('../../../renderer/api/client');
    const seen: string[] = [];
    const stop = onEvent('system.notice', (payload) => seen.push(payload.message));
    core.events.emit('system.notice', { level: 'info', message: 'first', at: 1 });
    stop();
    core.events.emit('system.notice', { level: 'info', message: 'second', at: 2 });
    expect(seen).toEqual(['first']);
  });
});

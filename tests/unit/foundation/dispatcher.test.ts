import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { AppError } from '../../../main/core/app-error';
import { tempDir } from '../../support/temp-dir';

describe('Dispatcher', () => {
  it('validates input, runs the handler and validates its output', async () => {
    const core = await createCore({ dataDir: tempDir() });
    const ok = await core.dispatcher.call('system.health', {}, { transport: 'test' });
    expect(ok).toEqual({ ok: true, data: { status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), disk: expect.objectContaining({ status: 'ok' }) } });

    const bad = await core.dispatcher.call('shell.openExternal', { url: 'file:///etc/passwd' }, { transport: 'test' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_PARAMETER_VALUE');
      expect(bad.error.message).toMatch(/^url: /);
    }
    await core.close();
  });

  it('answers unknown procedures with ENDPOINT_NOT_FOUND, and host-only features with UNSUPPORTED_HERE', async () => {
    const core = await createCore({ dataDir: tempDir() });
    expect(await core.dispatcher.call('system.nope', {}, { transport: 'test' })).toEqual({
      ok: false,
      error: { code: 'ENDPOINT_NOT_FOUND', message: 'There is no procedure named "system.nope".' },
    });
    const dialog = await core.dispatcher.call('shell.openFileDialog', {}, { transport: 'test' });
    expect(dialog.ok === false && dialog.error.code).toBe('UNSUPPORTED_HERE');
    await core.close();
  });

  it('invoke() is the typed in-process form and throws AppError with the code', async () => {
    const core = await createCore({ dataDir: tempDir() });
    const info = await core.dispatcher.invoke('system.info', {});
    expect(info.host).toBe('headless');
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
    await expect(core.dispatcher.invoke('shell.saveFileDialog', {})).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'UNSUPPORTED_HERE',
    );
    await core.close();
  });

  it('routes host capabilities given by the shell, with defaults applied to the input', async () => {
    const seen: unknown[] = [];
    const core = await createCore({
      dataDir: tempDir(),
      host: {
        kind: 'electron',
        openFileDialog: async (input) => {
          seen.push(input);
          return { path: '/data/study.zip' };
        },
        saveFileDialog: async () => ({ path: null }),
      },
    });
    expect(await core.dispatcher.invoke('shell.openFileDialog', { title: 'Pick' })).toEqual({ path: '/data/study.zip' });
    expect(seen).toEqual([{ title: 'Pick', directory: false, filters: [] }]);
    expect((await core.dispatcher.invoke('system.info', {})).nativeDialogs).toBe(true);
    await core.close();
  });

  it('hides the details of unexpected failures behind INTERNAL_ERROR', async () => {
    const core = await createCore({ dataDir: tempDir() });
    core.db.close();
    const result = await core.dispatcher.call('system.health', {}, { transport: 'test' });
    expect(result.ok === false && result.error.code).toBe('INTERNAL_ERROR');
    await core.close();
  });
});

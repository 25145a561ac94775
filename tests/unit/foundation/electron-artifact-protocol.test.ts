import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTracking, type TrackingFixture } from '../tracking/support';

// Electron's binary is not available to tests: the fake records the app:// handler so
// requests can be sent to it as Chromium would, and answers renderer files itself.
const recorded = vi.hoisted(() => ({
  handler: undefined as undefined | ((request: Request) => Promise<Response>),
  fetched: [] as string[],
}));

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: () => {},
    handle: (_scheme: string, fn: typeof recorded.handler) => void (recorded.handler = fn),
  },
  net: {
    fetch: async (url: string) => {
      recorded.fetched.push(url);
      return new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } });
    },
  },
}));

const BIG = 20 * 1024 * 1024;
const PREFIX = 'app://neuroops/api/2.0/mlflow-artifacts/artifacts';

let fx: TrackingFixture;
let runId: string;
let base: string;
let bigSha256: string;
/** The last file stream the tracker opened, to see how far it has read. */
let lastStream: fs.ReadStream | undefined;

/** A request as the protocol handler gets it; `url` is taken as is, so ".." can reach it unnormalized. */
const send = (url: string, method = 'GET') => recorded.handler!({ url, method } as Request);

beforeAll(async () => {
  fx = openTracking();
  runId = (await fx.tracking.createRun({ experimentId: '0' })).runId;
  base = `${PREFIX}/0/${runId}/artifacts`;
  const source = path.join(fx.dir, 'big.bin');
  const bytes = crypto.randomBytes(BIG);
  fs.writeFileSync(source, bytes);
  bigSha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  await fx.tracking.putArtifact(runId, 'data/big.bin', fs.createReadStream(source));
  await fx.tracking.putArtifact(runId, 'plots/résumé "v1".txt', 'hello');

  const open = fx.tracking.openArtifact.bind(fx.tracking);
  vi.spyOn(fx.tracking, 'openArtifact').mockImplementation((id, p) => {
    const opened = open(id, p);
    return { ...opened, stream: () => (lastStream = opened.stream()) };
  });
  const { serveRendererOverAppScheme } = await import('../../../main/shell/app-protocol');
  serveRendererOverAppScheme(path.join(fx.dir, 'renderer'), fx.tracking);
});
afterAll(() => fx.close());

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = (await response.json()) as { error_code: string; message: string };
  return { status: response.status, code: body.error_code, message: body.message };
}

describe('app:// artifact downloads in the desktop window', () => {
  it('streams a 20 MiB artifact with its type, length and attachment name', async () => {
    const response = await send(`${base}/data/big.bin`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-length')).toBe(String(BIG));
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="big.bin"; filename*=UTF-8''big.bin`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    // Read one chunk and pause: the file must be read as the window reads, not ahead of it.
    const reader = response.body!.getReader();
    const hash = crypto.createHash('sha256');
    let received = 0;
    const first = await reader.read();
    hash.update(first.value!);
    received += first.value!.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lastStream!.bytesRead).toBeLessThan(2 * 1024 * 1024);

    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      hash.update(next.value);
      received += next.value.length;
    }
    expect(received).toBe(BIG);
    expect(hash.digest('hex')).toBe(bigSha256);
  });

  it('resolves the renderer\'s download path (percent-encoded, absolute) and names non-ASCII files safely', async () => {
    const downloadPath = `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/plots/${encodeURIComponent('résumé "v1".txt')}`;
    const response = await recorded.handler!(new Request(new URL(downloadPath, 'app://neuroops/index.html')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_ _v1_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v1%22.txt`,
    );
    expect(await response.text()).toBe('hello');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await send(`${base}/data/big.bin`, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(BIG));
    expect(response.body).toBeNull();
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for an unknown file, run or experiment', async () => {
    for (const url of [`${base}/data/nope.bin`, `${PREFIX}/0/${'a'.repeat(32)}/artifacts/x`, `${PREFIX}/7/${runId}/artifacts/data/big.bin`]) {
      expect(await errorOf(await send(url)), url).toMatchObject({ status: 404, code: 'RESOURCE_DOES_NOT_EXIST' });
    }
  });

  it('refuses path escapes with 400 INVALID_PARAMETER_VALUE', async () => {
    for (const url of [`${base}/../../../../etc/passwd`, `${base}/a/%2e%2e/%2e%2e/b`, `${base}/a%2F..%2F..%2Fb`, `${base}/data/%zz`]) {
      expect(await errorOf(await send(url)), url).toMatchObject({ status: 400, code: 'INVALID_PARAMETER_VALUE' });
    }
    expect(await errorOf(await send(`${base}/data`))).toMatchObject({ status: 400, code: 'INVALID_PARAMETER_VALUE' });
  });

  it('is read-only: anything but GET and HEAD is refused with BAD_REQUEST', async () => {
    for (const method of ['PUT', 'DELETE', 'POST']) {
      expect(await errorOf(await send(`${base}/data/big.bin`, method)), method).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    }
    expect(fx.tracking.listArtifacts(runId, 'data')).toHaveLength(1);
  });

  it('still serves the renderer for every other path', async () => {
    recorded.fetched.length = 0;
    // Chromium resolves ".." before the handler: such a path leaves the artifact prefix and lands in the renderer folder.
    const response = await recorded.handler!(new Request(`${PREFIX}/../../../../../etc/passwd`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(recorded.fetched).toEqual([`file://${path.join(fx.dir, 'renderer', 'index.html')}`]);
  });
});

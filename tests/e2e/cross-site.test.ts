import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlflow, rpc } from './support/api';
import { useServeAndBrowser } from './support/session';

/**
 * A page on another origin attacks the loopback server, which has no token, through the
 * user's browser: "simple" no-cors fetches and form posts, which a browser sends without
 * asking the target first. The server must refuse them all, and nothing may change.
 */

function attackerPage(target: string): string {
  const form = (id: string, action: string, field: string) =>
    `<form id="${id}" method="POST" enctype="text/plain" target="sink-${id}" action="${target}${action}">` +
    `<input name='${field}' value='"}'></form><iframe name="sink-${id}"></iframe>`;
  return `<!doctype html><title>attacker</title>
${form('form-create', 'api/2.0/mlflow/experiments/create', '{"name":"evil-form","x":"')}
${form('form-rpc', 'api/rpc/registry.deleteModel', '{"name":"victim","x":"')}
<script>
  const target = ${JSON.stringify(target)};
  const post = (path, body, type) =>
    fetch(target + path, { method: 'POST', mode: 'no-cors', headers: type ? { 'Content-Type': type } : {}, body }).then(() => 'sent', (e) => 'failed: ' + e);
  window.attack = async () => {
    const results = await Promise.all([
      post('api/2.0/mlflow/experiments/create', '{"name":"evil-fetch"}', 'text/plain'),
      post('api/2.0/mlflow/runs/delete', JSON.stringify({ run_id: window.runId }), 'text/plain'),
      post('api/2.0/mlflow/registered-models/delete', '{"name":"victim"}', 'text/plain'),
      post('api/rpc/tracking.createExperiment', '{"name":"evil-rpc"}', 'text/plain; charset=application/json'),
      post('api/rpc/registry.deleteModel', '{"name":"victim"}', 'text/plain'),
      post('api/bundles/import', 'PK', 'application/x-www-form-urlencoded'),
    ]);
    document.getElementById('form-create').submit();
    document.getElementById('form-rpc').submit();
    return results;
  };
  // Reading answers: a CORS fetch and the event stream must both fail in the page.
  window.read = async () => {
    const fetched = await fetch(target + 'api/2.0/mlflow/experiments/search?max_results=10').then(() => 'read', () => 'blocked');
    const streamed = await new Promise((resolve) => {
      const source = new EventSource(target + 'api/events');
      source.onmessage = () => { source.close(); resolve('read'); };
      source.onopen = () => { source.close(); resolve('read'); };
      source.onerror = () => { source.close(); resolve('blocked'); };
    });
    return [fetched, streamed];
  };
</script>`;
}

describe('a page from another origin cannot change anything through the browser', () => {
  let attacker: http.Server;
  let attackerPort = 0;
  let runId = '';
  const session = useServeAndBrowser(async ({ serve }) => {
    runId = (await mlflow(serve, 'runs/create', { experiment_id: '0', run_name: 'victim-run' })).run.info.run_id;
    await mlflow(serve, 'registered-models/create', { name: 'victim' });
  });

  beforeAll(async () => {
    attacker = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(attackerPage(session.serve.url));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

  // localhost is another site than 127.0.0.1 (cross-site); 127.0.0.1 on another port is the same site, another origin.
  for (const attackerHost of ['localhost', '127.0.0.1']) {
    it(`refuses every no-cors fetch and form post from http://${attackerHost}:<port>`, async () => {
      const page = await session.browser.newPage();
      const answers: { url: string; method: string; status: number }[] = [];
      page.on('response', (response) => {
        if (response.url().startsWith(session.serve.url)) answers.push({ url: response.url(), method: response.request().method(), status: response.status() });
      });
      await page.goto(`http://${attackerHost}:${attackerPort}/`);
      await page.evaluate((id) => ((window as unknown as { runId: string }).runId = id), runId);
      const results = await page.evaluate(() => (window as unknown as { attack: () => Promise<string[]> }).attack());
      // The browser did send them (an opaque answer is "sent"): the server is what refused them.
      expect(results).toEqual(Array(6).fill('sent'));
      await expect.poll(() => answers.filter((a) => a.method === 'POST').length, { timeout: 10_000 }).toBe(8);
      expect(answers.filter((a) => a.method === 'POST').map((a) => a.status)).toEqual(Array(8).fill(403));
      await page.close();
    });
  }

  it('cannot read API answers or the event stream from another origin', async () => {
    const page = await session.browser.newPage();
    await page.goto(`http://localhost:${attackerPort}/`);
    expect(await page.evaluate(() => (window as unknown as { read: () => Promise<string[]> }).read())).toEqual(['blocked', 'blocked']);
    await page.close();
  });

  it('left the data as it was, as the API shows', async () => {
    const { serve } = session;
    const experiments = (await mlflow(serve, 'experiments/search', { max_results: 1000 })).experiments.map((e: { name: string }) => e.name);
    expect(experiments.filter((name: string) => name.startsWith('evil'))).toEqual([]);
    expect((await mlflow(serve, 'runs/get', { run_id: runId })).run.info.lifecycle_stage).toBe('active');
    const model = (await rpc(serve, 'registry.getModel', { name: 'victim' })) as { model: { name: string } };
    expect(model.model.name).toBe('victim');
  });
});

/** GET /api/audit/export.csv: the chain as `neuroops audit export` writes it, for the Predictions page's download link. */
import { describe, expect, it } from 'vitest';
import { AuditChain } from '../../../main/services/audit/audit-chain';
import { serverPerTest } from '../../support/test-server';

const serve = serverPerTest();

describe('the audit export over HTTP', () => {
  it('streams every record oldest first with both hashes, as CSV, and answers GET only', async () => {
    const server = await serve();
    const chain = new AuditChain(server.core.db, '9.9.9');
    chain.append({ kind: 'prediction', at: Date.UTC(2026, 10, 30, 9), actor: 'tech', payload: { label: 'HC, "calm"' } });
    chain.append({ kind: 'prediction', at: Date.UTC(2026, 10, 30, 10), actor: 'tech', payload: { label: 'MCI' } });
    const [first, second] = [...chain.all()];

    const response = await fetch(`${server.url}api/audit/export.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="audit.csv"');
    expect((await response.text()).split('\n')).toEqual([
      'seq,time,kind,actor,app_version,payload,prev_hash,hash',
      `1,2026-11-30T09:00:00.000Z,prediction,tech,9.9.9,"{""label"":""HC, \\""calm\\""""}",${first!.prevHash},${first!.hash}`,
      `2,2026-11-30T10:00:00.000Z,prediction,tech,9.9.9,"{""label"":""MCI""}",${first!.hash},${second!.hash}`,
      '',
    ]);

    const post = await fetch(`${server.url}api/audit/export.csv`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(400);
    expect(((await post.json()) as { message: string }).message).toBe('/api/audit/export.csv answers GET only.');
  });
});

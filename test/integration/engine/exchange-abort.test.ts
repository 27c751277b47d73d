import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { client, failure, serve } from './helpers/client-harness';
import { json } from './helpers/test-server';

describe('Bitbucket client: the caller’s signal and small bodies (issue 13 goal 3)', () => {
  it('puts one abort listener on a poll’s signal for all its requests in flight, and an abort still ends each of them', async () => {
    const held: ServerResponse[] = [];
    const s = await serve({ '/status': (_q, res) => void held.push(res) });
    // A timeout far past the test's: only the abort can end these requests in time.
    const c = client(s, { timeoutMs: 600_000 });
    const controller = new AbortController();
    // Four requests, as many as the harness's limiter lets through: all in undici at once.
    const inFlight = Array.from({ length: 4 }, () => c.getJson('/status', { auth: 'none', signal: controller.signal }));
    await expect.poll(() => held.length).toBe(4);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    const reason = new Error('stopped');
    controller.abort(reason);
    for (const p of inFlight) await expect(p).rejects.toBe(reason);
  });

  it('keeps no listener for an exchange that has ended, and a later abort reaches only those in flight', async () => {
    let hold = false;
    const held: ServerResponse[] = [];
    const s = await serve({
      '/status': (_q, res) => {
        if (hold) held.push(res);
        else json(res, 200, { state: 'RUNNING' });
      },
    });
    const c = client(s, { timeoutMs: 600_000 });
    const controller = new AbortController();
    for (let i = 0; i < 3; i++) expect((await c.getJson('/status', { auth: 'none', signal: controller.signal })).body).toEqual({ state: 'RUNNING' });
    hold = true;
    const pending = c.getJson('/status', { auth: 'none', signal: controller.signal });
    await expect.poll(() => held.length).toBe(1);
    const reason = new Error('stopped');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('reports a small body cut short of its announced length as the stream’s failure, as a large one', async () => {
    const cut = (announced: number, sent: number) => (_q: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': announced });
      res.write('x'.repeat(sent));
      setTimeout(() => res.destroy(), 20);
    };
    const s = await serve({ '/small': cut(100, 50), '/large': cut(100_000, 70_000) });
    const c = client(s);
    const small = await failure(c.getJson('/small'));
    const large = await failure(c.getJson('/large'));
    expect(small.code).toBe(large.code);
    expect(small.message.replace('/small', '/large')).toBe(large.message);
  });
});

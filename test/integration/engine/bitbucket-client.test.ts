import { describe, expect, it, vi } from 'vitest';
import { createBitbucketClient } from '../../../electron/engine/http/bitbucket-client';
import { HostLimiter } from '../../../electron/engine/scheduler/host-limiter';
import { FleetLimiter } from '../../../electron/engine/scheduler/fleet-limiter';
import { client, dispatchers, failure, limiter, ok, replaceLimiter, requests, serve } from './helpers/client-harness';
import { json, type Handler } from './helpers/test-server';

describe('Bitbucket client: requests', () => {
  it('sends the Bearer token for reads and Basic for admin reads', async () => {
    const s = await serve({ '/rest/api/1.0/application-properties': ok });
    const c = client(s);
    const res = await c.getJson('/rest/api/1.0/application-properties');
    expect(res).toMatchObject({ status: 200, body: { version: '9.4.22' } });
    await c.getJson('/rest/api/1.0/application-properties', { auth: 'admin' });
    await c.getJson('/rest/api/1.0/application-properties', { auth: 'none' });
    expect(s.requests[0]?.headers['authorization']).toBe('Bearer read-token');
    expect(s.requests[1]?.headers['authorization']).toBe(`Basic ${Buffer.from('svc-admin:pä$$:word').toString('base64')}`);
    expect(s.requests[2]?.headers['authorization']).toBeUndefined();
    expect(s.requests[0]?.headers['accept']).toBe('application/json');
    expect(requests.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(requests[0]?.durationMs).toBeGreaterThan(0);
  });

  it('keeps a context path and encodes the query', async () => {
    const s = await serve({ '/bitbucket/rest/api/1.0/repos': (_q, res) => json(res, 200, { isLastPage: true, values: [] }) });
    const c = client({ url: `${s.url}/bitbucket/` });
    expect(c.origin).toBe(s.url);
    await c.getJson('rest/api/1.0/repos', { query: { name: 'a b&c', archived: 'ALL', limit: 5, skip: undefined, flag: false } });
    expect(s.requests[0]?.url).toBe('/bitbucket/rest/api/1.0/repos?name=a+b%26c&archived=ALL&limit=5&flag=false');
  });

  it('writes with the admin credential, X-Atlassian-Token and a JSON body', async () => {
    const s = await serve({
      '/rest/scm-cache/latest/config/refs/ttl': (_q, res) => json(res, 200, { seconds: 60 }),
      '/rest/mirroring/latest/requests/7/accept': (_q, res) => {
        res.writeHead(204);
        res.end();
      },
    });
    const c = client(s);
    const put = await c.write('PUT', '/rest/scm-cache/latest/config/refs/ttl', { body: { seconds: 60 } });
    expect(put.body).toEqual({ seconds: 60 });
    const post = await c.write('POST', '/rest/mirroring/latest/requests/7/accept');
    expect(post).toMatchObject({ status: 204, body: null });
    const [first, second] = s.requests;
    expect(first).toMatchObject({ method: 'PUT', body: '{"seconds":60}' });
    expect(first?.headers).toMatchObject({
      'x-atlassian-token': 'no-check',
      'content-type': 'application/json',
      authorization: expect.stringMatching(/^Basic /),
    });
    expect(second?.headers['x-atlassian-token']).toBe('no-check');
    expect(second?.headers['content-type']).toBeUndefined();
  });

  it('refuses to write without an admin credential, sending nothing', async () => {
    const s = await serve({});
    const c = createBitbucketClient({ baseUrl: s.url, read: { kind: 'bearer', token: 't' }, timeoutMs: 1_000, dispatchers, limiter });
    const err = await failure(c.write('DELETE', '/rest/scm-cache/latest/caches'));
    expect(err.code).toBe('auth');
    expect(err.message).toMatch(/admin: \{ username, password \}/);
    expect(s.requests).toHaveLength(0);
  });

  it('rejects base URLs it cannot use', () => {
    const base = { timeoutMs: 1_000, dispatchers, limiter };
    expect(() => createBitbucketClient({ ...base, baseUrl: 'bitbucket.example.com' })).toThrow(/not a valid URL/);
    expect(() => createBitbucketClient({ ...base, baseUrl: 'ftp://bitbucket.example.com' })).toThrow(/https:\/\//);
    expect(() => createBitbucketClient({ ...base, baseUrl: 'https://u:p@bitbucket.example.com' })).toThrow(/user name or password/);
  });

  it('reuses one kept-alive connection for 20 sequential requests', async () => {
    const s = await serve({ '/x': ok });
    const c = client(s);
    for (let i = 0; i < 20; i++) await c.getJson('/x');
    expect(s.requests).toHaveLength(20);
    expect(s.connections()).toBe(1);
    expect(dispatchers.stats()).toEqual([expect.objectContaining({ origin: s.url, connects: 1, connected: 1, customCa: false })]);
  });

  it('frees the fleet-wide slot once the body is in, before the turn it waits for the socket, and still reuses one connection', async () => {
    const s = await serve({ '/x': ok });
    const fleet = new FleetLimiter({ concurrency: 6, maxInFlight: 4, budgetCapacity: 1_000, budgetPerSecond: 1_000 });
    const events: string[] = [];
    const run = fleet.run.bind(fleet);
    fleet.run = (origin, fn, signal, kind) =>
      run(
        origin,
        (release) =>
          fn(() => {
            events.push('released');
            release();
          }),
        signal,
        kind,
      ).finally(() => events.push('settled'));
    replaceLimiter(fleet);
    const c = client(s);
    for (let i = 0; i < 20; i++) await c.getJson('/x');
    expect(events.slice(0, 2)).toEqual(['released', 'settled']);
    expect(events.filter((e) => e === 'released')).toHaveLength(20);
    expect(s.connections()).toBe(1);
    expect(fleet.fleetStats()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('shares one pool per origin across clients and keeps the limiter’s concurrency', async () => {
    let inFlight = 0;
    let max = 0;
    const s = await serve({
      '/slow': async (_q, res) => {
        inFlight++;
        max = Math.max(max, inFlight);
        await new Promise((r) => setTimeout(r, 30));
        inFlight--;
        json(res, 200, {});
      },
    });
    replaceLimiter(new HostLimiter({ concurrency: 2, budgetCapacity: 1_000, budgetPerSecond: 1_000 }));
    const a = client(s);
    const b = client(s, { read: { kind: 'bearer', token: 'other' } });
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).getJson('/slow')));
    expect(max).toBe(2);
    expect(s.connections()).toBeLessThanOrEqual(2);
    expect(dispatchers.stats()).toHaveLength(1);
  });
});

describe('Bitbucket client: paging', () => {
  function pagedRoute(total: number, step: number): Handler {
    // A server that skips ahead: nextPageStart is not start + size.
    return (req, res) => {
      const q = new URL(req.url ?? '', 'http://x').searchParams;
      const start = Number(q.get('start'));
      const limit = Number(q.get('limit'));
      const values = Array.from({ length: Math.min(limit, 3, total - start) }, (_, i) => ({ slug: `r${start + i}` }));
      const next = start + step;
      json(res, 200, { size: values.length, limit, start, isLastPage: next >= total, values, ...(next < total ? { nextPageStart: next } : {}) });
    };
  }

  it('walks by nextPageStart until isLastPage', async () => {
    const s = await serve({ '/rest/api/1.0/repos': pagedRoute(25, 10) });
    const res = await client(s).getPaged('/rest/api/1.0/repos', { query: { archived: 'ALL' }, limit: 3 });
    expect(res.pages).toBe(3);
    expect(res.truncated).toBe(false);
    expect(res.values).toEqual(['r0', 'r1', 'r2', 'r10', 'r11', 'r12', 'r20', 'r21', 'r22'].map((slug) => ({ slug })));
    expect(s.requests.map((r) => r.url)).toEqual([
      '/rest/api/1.0/repos?archived=ALL&start=0&limit=3',
      '/rest/api/1.0/repos?archived=ALL&start=10&limit=3',
      '/rest/api/1.0/repos?archived=ALL&start=20&limit=3',
    ]);
  });

  it('asking for each next page before reading this one (overlap), sends the same requests, reads the same values and reports each once', async () => {
    const s = await serve({ '/rest/api/1.0/repos': pagedRoute(25, 10) });
    const values: unknown[] = [];
    const walked = await client(s).eachPage(
      '/rest/api/1.0/repos',
      { query: { archived: 'ALL' }, limit: 3, overlap: true },
      (page) => void values.push(...page),
    );
    expect(walked).toMatchObject({ pages: 3, truncated: false });
    expect(values).toEqual(['r0', 'r1', 'r2', 'r10', 'r11', 'r12', 'r20', 'r21', 'r22'].map((slug) => ({ slug })));
    const urls = [
      '/rest/api/1.0/repos?archived=ALL&start=0&limit=3',
      '/rest/api/1.0/repos?archived=ALL&start=10&limit=3',
      '/rest/api/1.0/repos?archived=ALL&start=20&limit=3',
    ];
    expect(s.requests.map((r) => r.url)).toEqual(urls);
    expect(requests.map((r) => [r.url.slice(r.url.indexOf('/rest')), r.status, r.error])).toEqual(urls.map((u) => [u, 200, undefined]));
  });

  it('with overlap, a page that is not what its bytes promised fails as without it, and the walk stops', async () => {
    const s = await serve({
      '/bad': (req, res) => {
        const start = Number(new URL(req.url ?? '', 'http://x').searchParams.get('start'));
        if (start === 0) json(res, 200, { isLastPage: false, values: [1], nextPageStart: 5 });
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"isLastPage":false,"values":[1,}],"nextPageStart":9}');
      },
    });
    const e = await failure(client(s).eachPage('/bad', { overlap: true }, () => undefined));
    expect(e.code).toBe('malformed');
    expect(requests.map((r) => r.error?.code)).toEqual([undefined, 'malformed']);
  });

  it('defaults to limit 1000 and says when it stopped at maxPages', async () => {
    const s = await serve({ '/p': pagedRoute(100, 1) });
    const res = await client(s).getPaged('/p', { maxPages: 4 });
    expect(res).toMatchObject({ pages: 4, truncated: true });
    expect(res.values).toHaveLength(12);
    expect(s.requests[0]?.url).toBe('/p?start=0&limit=1000');
  });

  it('throws malformed on a bad envelope or a paging loop', async () => {
    const s = await serve({
      '/not-paged': (_q, res) => json(res, 200, { version: '9' }),
      '/loop': (_q, res) => json(res, 200, { isLastPage: false, nextPageStart: 0, values: [1] }),
      '/no-next': (_q, res) => json(res, 200, { isLastPage: false, values: [1] }),
    });
    const c = client(s);
    const a = await failure(c.getPaged('/not-paged'));
    expect(a).toMatchObject({ code: 'malformed', httpStatus: 200, body: '{"version":"9"}' });
    expect(a.message).toMatch(/paging envelope \(`values` is not an array\)/);
    expect((await failure(c.getPaged('/loop'))).message).toMatch(/nextPageStart is 0 after start 0/);
    expect((await failure(c.getPaged('/no-next'))).message).toMatch(/nextPageStart is missing/);
  });
});

describe('Bitbucket client: rate limiting', () => {
  it('honours Retry-After on a read, pauses the origin, then succeeds', async () => {
    let calls = 0;
    const s = await serve({
      '/r': (_q, res) => {
        calls++;
        if (calls === 1) json(res, 429, { errors: [{ message: 'Rate limit exceeded' }] }, { 'retry-after': '1' });
        else json(res, 200, { ok: true });
      },
    });
    const c = client(s);
    const t0 = Date.now();
    const res = await c.getJson('/r');
    expect(res.body).toEqual({ ok: true });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(requests.map((r) => [r.status, r.error?.code])).toEqual([
      [429, 'rate-limited'],
      [200, undefined],
    ]);
    expect(requests[0]?.error?.retryAfterMs).toBe(1_000);
  });

  it('gives up after two retries', async () => {
    const s = await serve({ '/r': (_q, res) => json(res, 429, {}, { 'retry-after': '0' }) });
    const err = await failure(client(s).getJson('/r'));
    expect(err).toMatchObject({ code: 'rate-limited', httpStatus: 429, retryAfterMs: 0 });
    expect(s.requests).toHaveLength(3);
  });

  it('does not wait longer than the request budget: throws with retryAfterMs and keeps the pause', async () => {
    const s = await serve({ '/r': (_q, res) => json(res, 429, {}, { 'retry-after': '30' }) });
    // A wait could only be a second turn through the limiter, which the pause holds 30 s: counted,
    // not timed (a loaded machine stretches wall time). A second turn fails the request at once.
    const run = limiter.run.bind(limiter);
    let turns = 0;
    vi.spyOn(limiter, 'run').mockImplementation((...args) => {
      turns++;
      if (turns > 1) throw new Error('the client waited for the pause past its request budget');
      return run(...args);
    });
    const c = client(s, { timeoutMs: 2_000 });
    const err = await failure(c.getJson('/r'));
    expect(turns).toBe(1);
    expect(err).toMatchObject({ code: 'rate-limited', retryAfterMs: 30_000 });
    expect(err.message).toMatch(/rate-limiting this user \(429\) and asked to wait 30 s \(Retry-After\)/);
    expect(s.requests).toHaveLength(1);
    expect(limiter.stats(c.origin).pausedUntil).toBeGreaterThan(Date.now() + 25_000);
  });

  it('never retries a write', async () => {
    const s = await serve({ '/w': (_q, res) => json(res, 429, {}, { 'retry-after': '1' }) });
    const err = await failure(client(s).write('POST', '/w', { body: {} }));
    expect(err.code).toBe('rate-limited');
    expect(s.requests).toHaveLength(1);
  });
});

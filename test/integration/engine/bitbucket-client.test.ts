import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBitbucketClient, type BitbucketClientOptions, type RequestInfo } from '../../../electron/engine/http/bitbucket-client';
import { DispatcherPool } from '../../../electron/engine/http/dispatchers';
import { FleetError } from '../../../electron/engine/http/fleet-error';
import { HostLimiter } from '../../../electron/engine/scheduler/host-limiter';
import { json, startServer, type Handler, type TestServer } from './helpers/test-server';

let dispatchers: DispatcherPool;
let limiter: HostLimiter;
let server: TestServer | undefined;
let requests: RequestInfo[];

beforeEach(() => {
  dispatchers = new DispatcherPool({ keepAliveMs: 30_000, connectionsPerOrigin: 4 });
  limiter = new HostLimiter({ concurrency: 4, budgetCapacity: 1_000, budgetPerSecond: 1_000 });
  requests = [];
});

afterEach(async () => {
  await dispatchers.close();
  await server?.close();
  server = undefined;
});

async function serve(routes: Record<string, Handler>): Promise<TestServer> {
  server = await startServer(routes);
  return server;
}

function client(s: { url: string }, extra: Partial<BitbucketClientOptions> = {}) {
  return createBitbucketClient({
    baseUrl: s.url,
    read: { kind: 'bearer', token: 'read-token' },
    admin: { kind: 'basic', username: 'svc-admin', password: 'pä$$:word' },
    timeoutMs: 5_000,
    dispatchers,
    limiter,
    onRequest: (info) => requests.push(info),
    ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<FleetError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FleetError);
    return err as FleetError;
  }
  throw new Error('expected the request to fail');
}

const ok: Handler = (_req, res) => json(res, 200, { version: '9.4.22' });

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
    expect(first?.headers).toMatchObject({ 'x-atlassian-token': 'no-check', 'content-type': 'application/json', authorization: expect.stringMatching(/^Basic /) });
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

  it('keeps an idle connection longer than undici’s 4 s default when the server gives no hint', async () => {
    server = await startServer({ '/x': ok }, undefined, { keepAliveTimeoutMs: 0 });
    const c = client(server);
    await c.getJson('/x');
    expect(server.requests[0]?.headers['connection']).not.toBe('close');
    await new Promise((r) => setTimeout(r, 4_500));
    await c.getJson('/x');
    expect(server.connections()).toBe(1);
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
    limiter = new HostLimiter({ concurrency: 2, budgetCapacity: 1_000, budgetPerSecond: 1_000 });
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
    const c = client(s, { timeoutMs: 2_000 });
    const t0 = Date.now();
    const err = await failure(c.getJson('/r'));
    expect(Date.now() - t0).toBeLessThan(1_000);
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

describe('Bitbucket client: bad answers', () => {
  it('recognises an HTML login page', async () => {
    const page = '<!DOCTYPE html><html><head><title>Log in</title></head><body>SSO</body></html>';
    const s = await serve({
      '/typed': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page);
      },
      '/untyped': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`\n  ${page}`);
      },
    });
    for (const path of ['/typed', '/untyped']) {
      const err = await failure(client(s).getJson(path));
      expect(err).toMatchObject({ code: 'html', httpStatus: 200 });
      expect(err.body).toContain('<title>Log in</title>');
      expect(err.message).toMatch(/HTML page instead of JSON — usually a login page from an SSO proxy/);
    }
  });

  it('reports truncated or malformed JSON with the raw body', async () => {
    const s = await serve({
      '/cut': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"isLastPage":false,"values":[{"slug":"a"');
      },
      '/text': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('OK');
      },
    });
    const err = await failure(client(s).getJson('/cut'));
    expect(err).toMatchObject({ code: 'malformed', body: '{"isLastPage":false,"values":[{"slug":"a"' });
    expect((await failure(client(s).getJson('/text'))).code).toBe('malformed');
  });

  it('stops reading past the size cap, with or without Content-Length', async () => {
    const big = JSON.stringify({ values: 'x'.repeat(50_000) });
    const s = await serve({
      '/declared': (_q, res) => json(res, 200, JSON.parse(big)),
      '/chunked': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 50; i++) res.write('x'.repeat(1_000));
        res.end();
      },
    });
    const c = client(s, { maxBodyBytes: 10_000 });
    for (const path of ['/declared', '/chunked']) {
      const err = await failure(c.getJson(path));
      expect(err.code).toBe('too-large');
      expect(err.message).toMatch(/more than 0 MiB|stopped reading/);
    }
    // The pool still works afterwards.
    await expect(failure(c.getJson('/declared'))).resolves.toMatchObject({ code: 'too-large' });
  });

  it('uses Bitbucket’s error body in the message', async () => {
    const errors = (message: string, exceptionName = 'com.atlassian.bitbucket.AuthorisationException') => ({ errors: [{ context: null, message, exceptionName }] });
    const s = await serve({
      '/rest/api/1.0/admin/cluster': (_q, res) => json(res, 401, errors('You are not permitted to access this resource')),
      '/basic-off': (_q, res) => json(res, 403, { message: 'Basic Authentication has been disabled on this instance.' }),
      '/missing': (_q, res) => json(res, 404, errors('Project FOO does not exist.')),
      '/conflict': (_q, res) => json(res, 409, errors('Mirroring is not available')),
      '/boom': (_q, res) => json(res, 500, errors('java.lang.NullPointerException')),
      '/plain': (_q, res) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('upstream connect error');
      },
    });
    const c = client(s);
    const host = new URL(s.url).host;
    const auth = await failure(c.getJson('/rest/api/1.0/admin/cluster', { auth: 'admin' }));
    expect(auth).toMatchObject({ code: 'auth', httpStatus: 401 });
    expect(auth.message).toBe(
      `${host} rejected the credential (401): check the token or password; on admin endpoints Bitbucket answers 401 when the user lacks admin permission. Bitbucket said: "You are not permitted to access this resource".`,
    );
    const basic = await failure(c.getJson('/basic-off', { auth: 'admin' }));
    expect(basic.code).toBe('forbidden');
    expect(basic.message).toMatch(/Basic authentication disabled \(403\) — use an HTTP access token/);
    const missing = await failure(c.getJson('/missing'));
    expect(missing).toMatchObject({ code: 'not-found', httpStatus: 404 });
    expect(missing.message).toMatch(/Project FOO does not exist/);
    expect((await failure(c.getJson('/conflict'))).message).toMatch(/conflict.*Mirroring is not available/);
    const boom = await failure(c.getJson('/boom'));
    expect(boom).toMatchObject({ code: 'server-error', httpStatus: 500 });
    expect(boom.message).toMatch(/answered 500 Internal Server Error: check the Bitbucket logs/);
    const plain = await failure(c.getJson('/plain'));
    expect(plain).toMatchObject({ code: 'server-error', body: 'upstream connect error' });
    expect(requests.every((r) => r.error !== undefined)).toBe(true);
  });

  it('returns allowed statuses instead of throwing', async () => {
    const s = await serve({
      '/status': (_q, res) => json(res, 503, { state: 'STARTING' }),
      '/proxy': (_q, res) => {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<html>Service Unavailable</html>');
      },
    });
    const res = await client(s).getJson('/status', { auth: 'none', allowStatus: [503] });
    expect(res).toMatchObject({ status: 503, body: { state: 'STARTING' } });
    const proxy = await client(s).getJson('/proxy', { allowStatus: [503] });
    expect(proxy).toMatchObject({ status: 503, body: null });
  });
});

describe('Bitbucket client: network failures', () => {
  it('says refused when nothing listens', async () => {
    const port = await freePort();
    const c = client({ url: `http://127.0.0.1:${port}` });
    const err = await failure(c.getJson('/status'));
    expect(err.code).toBe('refused');
    expect(err.message).toBe(`Connection refused by 127.0.0.1:${port} — is Bitbucket running and is the URL right?`);
    expect(requests[0]).toMatchObject({ status: null, error: err });
  });

  it('says dns when the host does not resolve', async () => {
    const c = client({ url: 'http://bitbucket.does-not-exist.invalid:7990' });
    const err = await failure(c.getJson('/status'));
    expect(err.code).toBe('dns');
    expect(err.message).toMatch(/bitbucket\.does-not-exist\.invalid does not resolve|DNS lookup of bitbucket\.does-not-exist\.invalid failed/);
  });

  it('times out when headers are slow', async () => {
    const s = await serve({ '/slow': (_q, res) => void setTimeout(() => json(res, 200, {}), 3_000) });
    const t0 = Date.now();
    const err = await failure(client(s, { timeoutMs: 300 }).getJson('/slow'));
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(err.code).toBe('timeout');
    expect(err.message).toBe(`No answer from ${new URL(s.url).host} within 300 ms — the server or the network is overloaded.`);
  });

  it('times out when the body drips', async () => {
    const s = await serve({
      '/drip': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"values":[');
        const t = setInterval(() => res.write('1,'), 100);
        res.on('close', () => clearInterval(t));
      },
    });
    const err = await failure(client(s, { timeoutMs: 500 }).getJson('/drip'));
    expect(err.code).toBe('timeout');
  });

  it('rethrows the caller’s abort reason, not a FleetError', async () => {
    const s = await serve({ '/slow': (_q, res) => void setTimeout(() => json(res, 200, {}), 3_000) });
    const controller = new AbortController();
    const reason = new Error('poll cancelled');
    setTimeout(() => controller.abort(reason), 100);
    await expect(client(s).getJson('/slow', { signal: controller.signal })).rejects.toBe(reason);
    await expect(client(s).getJson('/slow', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('retries a GET once when a kept-alive connection is dropped before any answer, never a write', async () => {
    let calls = 0;
    const s = await serve({
      '/flaky': (req, res) => {
        calls++;
        if (calls % 2 === 1) req.socket.destroy();
        else json(res, 200, { calls });
      },
    });
    const c = client(s);
    await expect(c.getJson('/flaky')).resolves.toMatchObject({ body: { calls: 2 } });
    const err = await failure(c.write('POST', '/flaky'));
    expect(err.code).toBe('network');
    expect(err.message).toMatch(/closed mid-request/);
    expect(calls).toBe(3);
  });

  it('reports a connection cut mid-body', async () => {
    const s = await serve({
      '/cut': (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"values":[');
        setTimeout(() => req.socket.destroy(), 50);
      },
    });
    const err = await failure(client(s).getJson('/cut'));
    expect(['network', 'malformed']).toContain(err.code);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

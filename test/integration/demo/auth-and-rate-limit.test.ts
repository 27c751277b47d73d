import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../../electron/demo/rate-limiter';
import { admin, basic, bearer, useDemoFleets } from './helpers';

const start = useDemoFleets();
const AUTH_REQUIRED = 'com.atlassian.plugins.rest.api.security.exception.AuthenticationRequiredException';
const NOT_PERMITTED = 'com.atlassian.bitbucket.AuthorisationException';

describe('demo fleet authentication', () => {
  it('accepts the read token as Bearer and as the service user Basic password', async () => {
    const h = await start();
    const url = `${h.primary.baseUrl}/rest/api/1.0/users?limit=1`;
    const viaBearer = await h.call(url, { headers: bearer(h.primary) });
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.headers['x-ausername']).toBe('svc-fleetscope-read');
    const viaBasic = await h.call(url, { headers: basic('svc-fleetscope-read', h.primary.read.token) });
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.headers['x-ausername']).toBe('svc-fleetscope-read');
  });

  it('refuses anonymous reads of protected resources with the standard body', async () => {
    const h = await start();
    for (const path of ['/rest/api/1.0/users?limit=1', '/rest/api/1.0/repos', '/rest/api/latest/projects']) {
      const r = await h.call(`${h.primary.baseUrl}${path}`);
      expect(r.status, path).toBe(401);
      expect(r.headers['x-ausername']).toBeUndefined();
      expect(r.json()).toEqual({ errors: [{ context: null, message: expect.any(String), exceptionName: AUTH_REQUIRED }] });
    }
    expect((await h.call(`${h.primary.baseUrl}/rest/api/1.0/application-properties`)).status).toBe(200);
  });

  it('refuses wrong credentials', async () => {
    const h = await start();
    const url = `${h.primary.baseUrl}/rest/api/1.0/users`;
    for (const headers of [{ authorization: 'Bearer BBDC-not-a-token' }, basic(h.primary.admin.username, 'wrong'), basic('someone', h.primary.read.token)]) {
      const r = await h.call(url, { headers });
      expect(r.status).toBe(401);
      expect(r.json().errors[0].message).toMatch(/credentials/);
    }
  });

  it('refuses tokens on admin/cluster (BSERV-10482) but accepts the admin password', async () => {
    const h = await start();
    const url = `${h.primary.baseUrl}/rest/api/1.0/admin/cluster`;
    const withToken = await h.call(url, { headers: bearer(h.primary) });
    expect(withToken.status).toBe(401);
    expect(withToken.json().errors[0].exceptionName).toBe(NOT_PERMITTED);
    const tokenAsPassword = await h.call(url, { headers: basic('svc-fleetscope-read', h.primary.read.token) });
    expect(tokenAsPassword.status).toBe(401);
    expect(tokenAsPassword.json().errors[0].exceptionName).toBe(NOT_PERMITTED);
    const anonymous = await h.call(url);
    expect(anonymous.json().errors[0].exceptionName).toBe(AUTH_REQUIRED);
    const asAdmin = await h.call(url, { headers: admin(h.primary) });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.headers['x-ausername']).toBe(h.primary.admin.username);
  });
});

describe('demo fleet rate limiting', () => {
  it('lets 60 requests through, refuses the 61st, and refills 5 tokens a second', () => {
    let now = 0;
    const buckets = new TokenBuckets(60, 5, () => now);
    for (let i = 0; i < 60; i += 1) expect(buckets.take('svc').ok).toBe(true);
    expect(buckets.take('svc')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(buckets.take('someone-else').ok).toBe(true);
    now += 199;
    expect(buckets.take('svc').ok).toBe(false);
    now += 1;
    expect(buckets.take('svc').ok).toBe(true);
    now += 60_000;
    for (let i = 0; i < 60; i += 1) expect(buckets.take('svc').ok).toBe(true);
    expect(buckets.take('svc').ok).toBe(false);
  });

  it('answers 429 with Retry-After and the standard body once the bucket is empty, per node', async () => {
    const h = await start();
    const url = `${h.primary.baseUrl}/rest/api/1.0/projects?limit=1`;
    const t0 = performance.now();
    let ok = 0;
    let limited;
    while (!limited && ok < 200) {
      const r = await h.call(url, { headers: bearer(h.primary) });
      if (r.status === 200) ok += 1;
      else limited = r;
    }
    const elapsedSeconds = (performance.now() - t0) / 1000;
    // Exactly 60 on an instant client; the bucket refills 5 a second while this one runs.
    expect(ok).toBeGreaterThanOrEqual(60);
    expect(ok).toBeLessThanOrEqual(60 + Math.floor(elapsedSeconds * 5));
    expect(limited?.status).toBe(429);
    expect(limited?.headers['retry-after']).toBe('1');
    expect(limited?.json()).toEqual({ errors: [{ context: null, message: expect.stringMatching(/rate limit/i), exceptionName: null }] });

    // Each node keeps its own buckets, and so does the load balancer.
    expect((await h.call(`${h.primary.nodes[0]?.baseUrl}/rest/api/1.0/projects?limit=1`, { headers: bearer(h.primary) })).status).toBe(200);
    // Anonymous requests are not rate limited.
    expect((await h.call(`${h.primary.baseUrl}/rest/api/1.0/application-properties`)).status).toBe(200);

    await new Promise((r) => setTimeout(r, 250));
    expect((await h.call(url, { headers: bearer(h.primary) })).status).toBe(200);
  });
});

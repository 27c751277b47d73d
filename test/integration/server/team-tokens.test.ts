import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHost, type LaunchedHost } from '../../../electron/host/launch';
import { startServer, type RunningServer } from '../../../electron/server/server';

/**
 * A collector with the owner's token, an admin token and a viewer token, over the simulated fleet:
 * viewers read and are refused actions with 403 and the reason; an admin token's action is
 * audited with the token's name.
 */
const alice = randomBytes(24).toString('base64url');
const grafana = randomBytes(24).toString('base64url');
let launched: LaunchedHost;
let server: RunningServer;

const call = async (
  token: string,
  name: string,
  body: unknown,
  at: RunningServer = server,
): Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> }> => {
  const res = await fetch(`${at.url}api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as never };
};

beforeAll(async () => {
  launched = await launchHost({ demo: true, dataDir: ':memory:', shell: 'browser mode', pollIntervalSeconds: 60, warn: () => undefined });
  await launched.host.handlers.getSnapshot({});
  server = await startCollector();
}, 60_000);

/**
 * A server over the shared host. Its auth limiter is its own: the test that exhausts one starts
 * its own server, so the other tests pass in any order (vitest --sequence.shuffle).
 */
const startCollector = (): Promise<RunningServer> =>
  startServer({
    host: launched.host,
    staticDir: 'dist/renderer',
    port: 0,
    teamTokens: [
      { name: 'alice', role: 'admin', token: alice },
      { name: 'grafana', role: 'viewer', token: grafana },
    ],
    // Small enough to reach here, so the named tokens are shown to pass through the same limiter.
    auth: { burst: 3, refillMs: 60_000 },
  });

afterAll(async () => {
  await server?.close();
  await launched?.host.stop();
});

describe('team tokens on the collector', () => {
  it('lets a viewer read, and refuses its actions with 403 and the reason', async () => {
    expect((await call(grafana, 'getSnapshot', {})).status).toBe(200);
    const refused = await call(grafana, 'setCacheTtl', { primaryId: 'prod-eu', cache: 'upload-pack', seconds: 3600 });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: 'forbidden',
      message: expect.stringMatching(/grafana may only view this Fleetscope: actions need an admin token/),
    });
    for (const name of ['savePrimary', 'setDemoFault', 'testConnection']) expect((await call(grafana, name, {})).status).toBe(403);
    // The other tests' admin actions may come before this one (any order): only the viewer's are looked for.
    const { entries } = (await call(grafana, 'getAuditLog', {})).body as unknown as { entries: Array<{ actor: string }> };
    expect(entries.filter((e) => e.actor === 'grafana')).toEqual([]);
  });

  it("audits an admin token's action with the token's name", async () => {
    const done = await call(alice, 'setCacheTtl', { primaryId: 'prod-eu', cache: 'upload-pack', seconds: 5400 });
    expect(done).toMatchObject({ status: 200, body: { ok: true } });
    const { entries } = (await call(grafana, 'getAuditLog', { limit: 5 })).body as unknown as {
      entries: Array<{ actor: string; action: string; outcome: string }>;
    };
    expect(entries[0]).toMatchObject({ actor: 'alice', action: 'setCacheTtl', outcome: 'succeeded' });
  });

  it("keeps the collector's own user in the audit log for the owner's token", async () => {
    await call(server.token, 'setCacheTtl', { primaryId: 'prod-eu', cache: 'upload-pack', seconds: 7200 });
    const { entries } = (await call(alice, 'getAuditLog', { limit: 5 })).body as unknown as { entries: Array<{ actor: string }> };
    expect(entries[0]!.actor).toMatch(/\(browser mode\)$/);
  });

  it("refuses a viewer's changes in the host's dispatch itself, whatever the transport", async () => {
    const refused = await launched.host.dispatch('savePrimary', {}, { name: 'grafana', role: 'viewer' });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/^grafana may only view this Fleetscope: requests like savePrimary need an admin token/) },
    });
    expect(await launched.host.dispatch('getAuditLog', {}, { name: 'grafana', role: 'viewer' })).toMatchObject({ ok: true });
  });

  it('tells each token who it is', async () => {
    const session = async (token: string): Promise<unknown> =>
      (await fetch(`${server.url}api/session`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(await session(grafana)).toEqual({ name: 'grafana', role: 'viewer' });
    expect(await session(alice)).toEqual({ name: 'alice', role: 'admin' });
    expect(await session(server.token)).toEqual({ name: expect.stringMatching(/\(browser mode\)$/), role: 'admin' });
  });

  it('checks Host for team tokens too, and slows down guessing whichever token is tried', async () => {
    // Its own server: the guesses below use up its auth limiter for a minute.
    const guarded = await startCollector();
    try {
      // fetch() will not send another Host, node:http will.
      const foreign = await new Promise<number>((resolve, reject) => {
        get(`${guarded.url}api/snapshot`, { headers: { authorization: `Bearer ${alice}`, host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      expect(foreign).toBe(403);
      const guesses: number[] = [];
      // A wrong token one character off (a random token may itself end in the character put there).
      const wrong = `${alice.slice(0, -1)}${alice.endsWith('x') ? 'y' : 'x'}`;
      for (let i = 0; i < 4; i++) guesses.push((await call(wrong, 'getSnapshot', {}, guarded)).status);
      expect(guesses).toEqual([401, 401, 401, 429]);
      // Once limited, even a right token from that address waits: the limiter does not look at it.
      expect((await call(grafana, 'getSnapshot', {}, guarded)).status).toBe(429);
    } finally {
      await guarded.close();
    }
  });
});

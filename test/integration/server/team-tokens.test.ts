import { randomBytes } from 'node:crypto';
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
): Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> }> => {
  const res = await fetch(`${server.url}api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as never };
};

beforeAll(async () => {
  launched = await launchHost({ demo: true, dataDir: ':memory:', shell: 'browser mode', pollIntervalSeconds: 60, warn: () => undefined });
  await launched.host.handlers.getSnapshot({});
  server = await startServer({
    host: launched.host,
    staticDir: 'dist/renderer',
    port: 0,
    teamTokens: [
      { name: 'alice', role: 'admin', token: alice },
      { name: 'grafana', role: 'viewer', token: grafana },
    ],
  });
}, 60_000);

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
    const { entries } = (await call(grafana, 'getAuditLog', {})).body as unknown as { entries: unknown[] };
    expect(entries).toEqual([]);
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
});

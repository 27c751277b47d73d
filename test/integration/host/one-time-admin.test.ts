import { afterEach, describe, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { FleetHost } from '../../../electron/host/host-types';
import { mirrorGet, primaryGet } from '../mirrors/helpers';

const M = '/rest/mirroring/latest';
let fleet: DemoFleet | undefined;
let host: FleetHost | undefined;
afterEach(async () => {
  await host?.stop();
  await fleet?.stop();
  host = fleet = undefined;
});

async function start(withAdmin: boolean) {
  fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 20 });
  const raw = demoFleetConfig(fleet, { pollIntervalSeconds: 60 });
  const admin = raw.primaries[0]!.admin;
  const config = fleetConfigSchema.parse(withAdmin ? raw : { ...raw, primaries: raw.primaries.map(({ admin: _admin, ...p }) => p) });
  host = await startFleetHost({ config, dataDir: ':memory:', demo: fleet, engine: { publishDelayMs: 0 } });
  await host.engine.firstPoll();
  return { primaryId: raw.primaries[0]!.id, admin };
}

describe('a one-time admin credential', () => {
  it('is used for a mirror action on a read-only primary, audited by user name, and forgotten after', async () => {
    const { primaryId, admin } = await start(false);
    const pending = (await primaryGet(fleet!, `${M}/requests?state=PENDING`)).body as { values: Array<{ id: number }> };
    const requestId = String(pending.values[0]!.id);
    await expect(
      host!.handlers.acceptMirrorRequest({ primaryId, requestId, admin: { username: admin.username, password: admin.password } }),
    ).resolves.toMatchObject({
      ok: true,
    });
    expect(((await primaryGet(fleet!, `${M}/requests?state=ACCEPTED`)).body as { values: Array<{ id: number }> }).values.map((r) => String(r.id))).toContain(
      requestId,
    );
    const [entry] = (await host!.handlers.getAuditLog({ limit: 1 })).entries;
    expect(entry).toMatchObject({ action: 'acceptMirrorRequest', outcome: 'succeeded', credential: admin.username, targetId: primaryId });
    expect(JSON.stringify(entry)).not.toContain(admin.password);
    // Nothing was kept: the next action without a credential is refused as read-only.
    await expect(host!.handlers.rejectMirrorRequest({ primaryId, requestId })).rejects.toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/read-only/),
    });
  });

  it('replaces the configured one for an action on a farm (audited against the farm), and only for that action', async () => {
    const { primaryId, admin } = await start(true);
    const farm = host!.engine.snapshot().mirrorFarms.find((f) => f.primaryId === primaryId)!;
    expect(farm).toBeDefined();
    // A one-time credential with a wrong password: the action fails with Bitbucket's 401, so it was used.
    await expect(
      host!.handlers.setMirrorProjects({
        primaryId,
        mirrorId: farm.mirrorId,
        mode: 'ALL_PROJECTS',
        projectIds: [],
        admin: { username: 'mallory', password: 'wrong' },
      }),
    ).rejects.toMatchObject({ code: 'auth' });
    expect((await host!.handlers.getAuditLog({ limit: 1 })).entries[0]).toMatchObject({ credential: 'mallory', outcome: 'failed', targetId: farm.id });
    // The same action without it uses the configured admin and succeeds: the one-time credential is gone.
    await expect(host!.handlers.setMirrorProjects({ primaryId, mirrorId: farm.mirrorId, mode: 'ALL_PROJECTS', projectIds: [] })).resolves.toMatchObject({
      ok: true,
    });
    expect((await host!.handlers.getAuditLog({ limit: 1 })).entries[0]).toMatchObject({ credential: admin.username, outcome: 'succeeded' });
    expect(((await mirrorGet(fleet!, farm.baseUrl, `${M}/syncSettings`)).body as { mode: string }).mode).toBe('ALL_PROJECTS');
  });

  it('every action answers after its re-poll: the snapshot right after the answer shows the change', async () => {
    const { primaryId } = await start(true);
    await host!.handlers.setCacheTtl({ primaryId, cache: 'upload-pack', seconds: 5400 });
    expect(host!.engine.snapshot().primaries[0]!.cache?.config.uploadPack.ttlSeconds).toBe(5400);
    const pending = (await primaryGet(fleet!, `${M}/requests?state=PENDING`)).body as { values: Array<{ id: number }> };
    const requestId = String(pending.values[0]!.id);
    expect(host!.engine.snapshot().primaries[0]!.pendingMirrorRequests.map((r) => r.id)).toContain(requestId);
    await host!.handlers.rejectMirrorRequest({ primaryId, requestId });
    expect(host!.engine.snapshot().primaries[0]!.pendingMirrorRequests.map((r) => r.id)).not.toContain(requestId);
  });
});

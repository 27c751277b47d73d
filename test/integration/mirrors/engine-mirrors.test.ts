import { afterEach, describe, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import { FleetApiError } from '../../../shared/contract';
import { farmNamed, primaryGet, repoll, setFault, snapshotWhere, startMirrorsFleet, mirrorGet, type Host } from './helpers';

let fleet: DemoFleet;
let host: Host;
afterEach(async () => {
  await host?.stop();
});

const M = '/rest/mirroring/latest';
const primaryId = (): string => fleet.primaries[0]!.id;

describe('engine against the simulated mirrors', () => {
  it('discovers the farms, polls every node, detects 9.x and 8.x, and carries nodes and per-state counts in the snapshot', async () => {
    ({ fleet, host } = await startMirrorsFleet());
    const snap = host.engine.snapshot();
    expect(snap.mirrorFarms).toHaveLength(2);
    const farm = farmNamed(snap, /farm/);
    const single = farmNamed(snap, /office/);
    expect(farm).toMatchObject({ status: 'up', api: '9.x', mirrorType: 'FARM', primaryId: primaryId(), upstreamState: 'INSTALLED', lastError: null });
    expect(single).toMatchObject({ status: 'up', api: '8.x', mirrorType: 'SINGLE' });
    expect(farm.nodes).toHaveLength(3);
    for (const n of farm.nodes) {
      expect(n).toMatchObject({ status: 'up', state: 'RUNNING', version: farm.version });
      expect(n.baseUrl).not.toBe(farm.baseUrl);
      expect(n.lastSeenAt).toBeGreaterThan(0);
    }
    expect(Object.keys(farm.repos).sort()).toEqual(['failing', 'inSync', 'lagging', 'notMirrored', 'syncing', 'unknown']);
    const total = Object.values(farm.repos).reduce((a, b) => a + b, 0);
    expect(total).toBe(snap.primaries[0]!.repositories!.total);
    expect(farm.repos.notMirrored).toBe(0);
    expect(farm.repos.inSync).toBeGreaterThan(total / 2);
    expect(farm.repos.failing + farm.repos.lagging + farm.repos.unknown).toBe(0);
    expect(single.repos.notMirrored).toBeGreaterThan(0);
    expect(farm.projectSelection).toEqual({ mode: 'ALL_PROJECTS', projectIds: [] });
    expect(single.projectSelection?.mode).toBe('SELECTED_PROJECTS');
    expect(snap.primaries[0]!.pendingMirrorRequests).toEqual([expect.objectContaining({ id: '1', mirrorType: 'SINGLE' })]);
    expect(snap.alerts.filter((a) => a.id.startsWith('mirrors:'))).toEqual([
      expect.objectContaining({ severity: 'info', title: expect.stringMatching(/waiting for authorization/) }),
    ]);
    // Mirrors are named by their name, the URL only beside it.
    const request = snap.primaries[0]!.pendingMirrorRequests[0]!;
    expect(snap.alerts.find((a) => a.id.startsWith('mirrors:'))!.message).toMatch(new RegExp(`^Mirror ${request.name} \\(`));

    const table = await host.handlers.getMirrorRepos({ farmId: farm.id, offset: 0, limit: 50_000 });
    expect(table.nodes.map((n) => n.name)).toEqual(farm.nodes.map((n) => n.name));
    expect(table.total).toBe(total);
    expect(table.rows[0]!.nodes).toHaveLength(3);
    // The metrics' read of the same table: every row's project, slug and worst state, in the same order.
    const columns = (await host.handlers.getMirrorRepoStates({ farmId: farm.id })).repositories;
    expect(columns).toEqual({
      projectKey: table.rows.map((r) => r.projectKey),
      slug: table.rows.map((r) => r.slug),
      state: table.rows.map((r) => r.state),
    });
    await expect(host.handlers.getMirrorRepoStates({ farmId: 'no-such-farm' })).rejects.toMatchObject({ code: 'not-found' });
    const history = await host.handlers.getMirrorHistory({ farmId: farm.id, metric: 'mirror.inSync', rangeSeconds: 3600, maxPoints: 100 });
    // The live poll, after the simulated fleet's back-filled past (issue 17).
    expect(history.points.at(-1)![0]).toBe(farm.lastPollAt);
    expect(history.points.slice(0, -1).every(([t]) => t < farm.lastPollAt!)).toBe(true);
  });

  it('a repository failing on one node shows FAILING on that node within one poll interval', async () => {
    const interval = 2;
    ({ fleet, host } = await startMirrorsFleet({}, interval));
    const farm = farmNamed(host.engine.snapshot(), /farm/);
    const node = farm.nodes[1]!.name;
    await setFault(fleet, farm.id, { kind: 'mirror-repo-failing', node }, true);
    // "Within one poll interval" counted in polls, not milliseconds (a loaded machine stretches
    // those): a poll under way when the fault came may have read the node before it; every poll
    // that began after it must show it. The scheduler's tests (fake timers) hold the interval.
    const faultInPlaceAt = Date.now();
    const missedBy: number[] = [];
    const victim = fleet.state().mirrors!.farms.find((f) => f.id === farm.id)!.faults.failing[0]!;
    // The wait (the helper's 20 s) is for polls that will come, however slowly: missedBy is the bound.
    const snap = await snapshotWhere(host, (s) => {
      const { lastPollAt, pollDurationMs, repos } = farmNamed(s, /farm/);
      const began = (lastPollAt ?? 0) - (pollDurationMs ?? 0);
      if (repos.failing !== 1 && began >= faultInPlaceAt && !missedBy.includes(began)) missedBy.push(began);
      return repos.failing === 1;
    });
    expect(missedBy).toEqual([]);
    const f = farmNamed(snap, /farm/);
    expect(f.status).toBe('degraded');
    expect(f.statusMessage).toMatch(/1 repository failing to sync/);
    expect(f.nodes.find((n) => n.name === node)).toMatchObject({ status: 'degraded', repos: expect.objectContaining({ failing: 1 }) });
    const { rows, nodes } = await host.handlers.getMirrorRepos({ farmId: farm.id, state: 'FAILING', offset: 0, limit: 10 });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.repoId).toBe(String(victim.repoId));
    const idx = nodes.findIndex((n) => n.name === node);
    // The push that failed on this node reaches the others after their usual lag.
    rows[0]!.nodes.forEach((cell, i) => expect(cell.state).toMatch(i === idx ? /^FAILING$/ : /^(IN_SYNC|SYNCING)$/));
    expect(rows[0]!.nodes[idx]!.failedSyncCount).toBeGreaterThan(0);

    await setFault(fleet, farm.id, { kind: 'mirror-repo-failing', node }, false);
    const healed = await snapshotWhere(host, (s) => farmNamed(s, /farm/).repos.failing === 0 && farmNamed(s, /farm/).status === 'up', 30_000);
    expect(farmNamed(healed, /farm/).statusMessage).toBeNull();
  });

  it('an unreachable node makes its farm degraded and its repositories UNKNOWN, never in sync; all nodes gone makes it down', async () => {
    ({ fleet, host } = await startMirrorsFleet());
    const farm = farmNamed(host.engine.snapshot(), /farm/);
    const [a, b, c] = farm.nodes.map((n) => n.name) as [string, string, string];
    await setFault(fleet, farm.id, { kind: 'mirror-node-offline', node: b }, true);
    let f = farmNamed(await repoll(host, primaryId()), /farm/);
    expect(f.status).toBe('degraded');
    expect(f.nodes.find((n) => n.name === b)).toMatchObject({ status: 'down', repos: null, message: expect.stringMatching(/refused/i) });
    expect(f.repos.inSync).toBe(0);
    expect(f.repos.unknown).toBeGreaterThan(0);
    const table = await host.handlers.getMirrorRepos({ farmId: farm.id, state: 'UNKNOWN', offset: 0, limit: 5 });
    expect(table.rows[0]!.nodes[1]!.state).toBe('UNKNOWN');
    expect(table.rows[0]!.nodes[1]!.reason).toMatch(/unreachable/i);

    await setFault(fleet, farm.id, { kind: 'mirror-node-offline', node: a }, true);
    await setFault(fleet, farm.id, { kind: 'mirror-node-offline', node: c }, true);
    f = farmNamed(await repoll(host, primaryId()), /farm/);
    expect(f.status).toBe('down');
    expect(host.engine.snapshot().alerts).toContainEqual(expect.objectContaining({ severity: 'critical', targetId: f.id }));
    expect(host.engine.snapshot().primaries[0]!.status).toBe('up');
  });

  it('mirroring answering 404 or 409 marks it unavailable on that primary without failing the primary', async () => {
    ({ fleet, host } = await startMirrorsFleet());
    for (const reason of ['plugin-disabled', 'no-licence'] as const) {
      await setFault(fleet, primaryId(), { kind: 'mirroring-unavailable', reason }, true);
      const snap = await repoll(host, primaryId());
      const alert = snap.alerts.find((a) => a.id === `mirrors:${primaryId()}:unavailable`);
      expect(alert?.message).toMatch(reason === 'plugin-disabled' ? /404.*plugin is disabled/ : /409.*Data Center licence/);
      expect(alert?.severity).toBe('info');
      expect(snap.primaries[0]!.pendingMirrorRequests).toEqual([]);
      expect(snap.primaries[0]!.status).toBe('up');
      // The farms stay, but nothing is claimed in sync without the primary's hashes.
      expect(snap.mirrorFarms.every((f) => f.repos.inSync === 0)).toBe(true);
    }
    await setFault(fleet, primaryId(), { kind: 'mirroring-unavailable' }, false);
    const back = await repoll(host, primaryId());
    expect(back.alerts.some((a) => a.id.endsWith(':unavailable'))).toBe(false);
    expect(farmNamed(back, /farm/).repos.inSync).toBeGreaterThan(0);
  });

  it('a primary failing (5xx) leaves its farms listed with their nodes, but claims nothing in sync without its hashes', async () => {
    ({ fleet, host } = await startMirrorsFleet());
    await setFault(fleet, primaryId(), { kind: 'server-error' }, true);
    const snap = await repoll(host, primaryId());
    const farm = farmNamed(snap, /farm/);
    expect(farm.nodes.every((n) => n.status === 'up')).toBe(true);
    expect(farm.repos.inSync).toBe(0);
    expect(farm.status).toBe('unknown');
    expect(farm.statusMessage).toMatch(/no upstream hashes/);
    expect(snap.primaries[0]!.pendingMirrorRequests).toHaveLength(1);
    await setFault(fleet, primaryId(), { kind: 'server-error' }, false);
    expect(farmNamed(await repoll(host, primaryId()), /farm/).status).toBe('up');
  });

  it('accepting answers {ok, auditId}; the mirror leaves the pending list, appears among the farms and is ACCEPTED on the primary', async () => {
    ({ fleet, host } = await startMirrorsFleet());
    const request = host.engine.snapshot().primaries[0]!.pendingMirrorRequests[0]!;
    const result = await host.handlers.acceptMirrorRequest({ primaryId: primaryId(), requestId: request.id });
    expect(result).toEqual({ ok: true, auditId: expect.any(String) });
    const snap = await snapshotWhere(host, (s) => s.mirrorFarms.some((f) => f.mirrorId === request.mirrorId && f.lastPollAt !== null));
    expect(snap.primaries[0]!.pendingMirrorRequests).toEqual([]);
    const accepted = (await primaryGet(fleet, `${M}/requests?state=ACCEPTED`)).body as { values: { id: number }[] };
    expect(accepted.values.map((r) => String(r.id))).toEqual([request.id]);
    const audit = await host.handlers.getAuditLog({ limit: 10 });
    expect(audit.entries[0]).toMatchObject({
      id: result.auditId,
      action: 'acceptMirrorRequest',
      outcome: 'succeeded',
      credential: fleet.primaries[0]!.admin.username,
    });
    expect(audit.entries[0]!.summary).toMatch(/receives the content of the projects it is given/);

    // The request is gone now: Bitbucket's 409 is said plainly, and audited as failed.
    const again = host.handlers.acceptMirrorRequest({ primaryId: primaryId(), requestId: request.id });
    await expect(again).rejects.toBeInstanceOf(FleetApiError);
    await expect(again).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/no longer exists.*withdrew it, or another admin already accepted or rejected it/),
    });
    expect((await host.handlers.getAuditLog({ limit: 1 })).entries[0]).toMatchObject({ outcome: 'failed' });
  });

  it('rejecting answers {ok, auditId} and the request is REJECTED; removing a mirror makes its farm disappear', async () => {
    ({ fleet, host } = await startMirrorsFleet());
    const request = host.engine.snapshot().primaries[0]!.pendingMirrorRequests[0]!;
    expect(await host.handlers.rejectMirrorRequest({ primaryId: primaryId(), requestId: Number(request.id) as unknown as string })).toEqual({
      ok: true,
      auditId: expect.any(String),
    });
    const rejected = (await primaryGet(fleet, `${M}/requests?state=REJECTED`)).body as { values: { id: number }[] };
    expect(rejected.values.map((r) => String(r.id))).toEqual([request.id]);
    await snapshotWhere(host, (s) => s.primaries[0]!.pendingMirrorRequests.length === 0);

    const single = farmNamed(host.engine.snapshot(), /office/);
    expect(await host.handlers.removeMirror({ primaryId: primaryId(), mirrorId: single.mirrorId })).toEqual({ ok: true, auditId: expect.any(String) });
    await snapshotWhere(host, (s) => !s.mirrorFarms.some((f) => f.id === single.id));
    expect((await host.handlers.getAuditLog({ limit: 1 })).entries[0]!.summary).toMatch(/its users can no longer clone from it/);
  });

  it('after authorizing, two selected projects are exactly the sync settings, and their repositories go NOT_MIRRORED → SYNCING → IN_SYNC', async () => {
    ({ fleet, host } = await startMirrorsFleet({ speed: 4 }, 1));
    const request = host.engine.snapshot().primaries[0]!.pendingMirrorRequests[0]!;
    await host.handlers.acceptMirrorRequest({ primaryId: primaryId(), requestId: request.id });
    const fresh = await snapshotWhere(host, (s) => s.mirrorFarms.some((f) => f.mirrorId === request.mirrorId && f.projectSelection !== null));
    const farm = fresh.mirrorFarms.find((f) => f.mirrorId === request.mirrorId)!;
    expect(farm.projectSelection).toEqual({ mode: 'SELECTED_PROJECTS', projectIds: [] });
    expect(farm.repos.notMirrored).toBe(fresh.primaries[0]!.repositories!.total);

    const { projects } = await host.handlers.getMirrorProjects({ primaryId: primaryId() });
    const chosen = projects.slice(0, 2);
    const seen = new Set<string>();
    const off = host.on('snapshot', (s) => {
      const f = s.mirrorFarms.find((x) => x.id === farm.id);
      if (f && f.repos.syncing > 0) seen.add('SYNCING');
    });
    expect(
      await host.handlers.setMirrorProjects({
        primaryId: primaryId(),
        mirrorId: farm.mirrorId,
        mode: 'SELECTED_PROJECTS',
        projectIds: chosen.map((p) => p.id),
      }),
    ).toEqual({
      ok: true,
      auditId: expect.any(String),
    });
    // The audit trail names the projects by key, not by Bitbucket's numeric ids.
    const entry = (await host.handlers.getAuditLog({ limit: 50, targetId: farm.id })).entries.find((e) => e.action === 'setMirrorProjects')!;
    for (const p of chosen) expect(`${entry.summary} ${entry.detail ?? ''}`).toContain(p.key);
    expect(entry.detail).not.toMatch(/\(\d+(, \d+)*\)/);
    const settings = (await mirrorGet(fleet, farm.baseUrl, `${M}/syncSettings`)).body as { projectIds: string[] };
    expect([...settings.projectIds].sort()).toEqual(chosen.map((p) => p.id).sort());

    const done = await snapshotWhere(
      host,
      (s) => {
        const f = s.mirrorFarms.find((x) => x.id === farm.id)!;
        return f.projectSelection?.projectIds.length === 2 && f.repos.inSync > 0 && f.repos.syncing === 0 && f.initialSync?.complete === true;
      },
      40_000,
    );
    off();
    expect(seen.has('SYNCING')).toBe(true);
    const table = await host.handlers.getMirrorRepos({ farmId: farm.id, offset: 0, limit: 50_000 });
    const keys = new Set(chosen.map((p) => p.key));
    for (const row of table.rows) expect(row.state).toBe(keys.has(row.projectKey ?? '') ? 'IN_SYNC' : 'NOT_MIRRORED');
    expect(done.mirrorFarms.find((x) => x.id === farm.id)!.repos.inSync).toBe(table.rows.filter((r) => keys.has(r.projectKey ?? '')).length);
  }, 60_000);

  it('a farm falling behind: its queue grows and repositories end up LAGGING (delayed-sync)', async () => {
    ({ fleet, host } = await startMirrorsFleet({ speed: 40 }, 1));
    const farm = farmNamed(host.engine.snapshot(), /farm/);
    await setFault(fleet, farm.id, { kind: 'mirror-farm-behind' }, true);
    const snap = await snapshotWhere(
      host,
      (s) => {
        const f = farmNamed(s, /farm/);
        return f.queue.growing && f.repos.lagging > 0;
      },
      30_000,
    );
    const f = farmNamed(snap, /farm/);
    expect(f.status).toBe('degraded');
    expect(f.statusMessage).toMatch(/queue growing/);
    expect(f.lagSeconds).toBeGreaterThan(0);
    const lagging = await host.handlers.getMirrorRepos({ farmId: farm.id, state: 'LAGGING', offset: 0, limit: 1 });
    expect(lagging.rows[0]!.nodes.some((n) => /delayed-sync/.test(n.reason))).toBe(true);
  }, 40_000);

  it('refuses actions and reads on unknown targets, with messages that say what to do', async () => {
    ({ fleet, host } = await startMirrorsFleet());
    await expect(host.handlers.acceptMirrorRequest({ primaryId: 'nope', requestId: '1' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(host.handlers.getMirrorRepos({ farmId: 'nope', offset: 0, limit: 10 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(host.handlers.setMirrorProjects({ primaryId: primaryId(), mirrorId: 'nope', mode: 'ALL_PROJECTS', projectIds: [] })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('read-only mode: without an admin credential the mirror list is explained and every action is refused before reaching the fleet', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 20 });
    const raw = demoFleetConfig(fleet, { pollIntervalSeconds: 60 });
    const config = fleetConfigSchema.parse({ ...raw, primaries: raw.primaries.map(({ admin: _admin, ...p }) => p) });
    host = await startFleetHost({ config, dataDir: ':memory:', demo: fleet, engine: { publishDelayMs: 0 } });
    await host.engine.firstPoll();
    const snap = host.engine.snapshot();
    expect(snap.primaries[0]!.adminCredential).toBe(false);
    const alert = snap.alerts.find((a) => a.id === `mirrors:${primaryId()}:error`);
    expect(alert?.message).toMatch(/needs an admin username and password.*BSERV-10482/);
    await expect(host.handlers.acceptMirrorRequest({ primaryId: primaryId(), requestId: '1' })).rejects.toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/read-only.*admin: \{ username, password \}/),
    });
    expect((await host.handlers.getAuditLog({ limit: 5 })).entries).toEqual([]);
    expect(((await primaryGet(fleet, `${M}/requests?state=PENDING`)).body as { values: unknown[] }).values).toHaveLength(1);
  });
});

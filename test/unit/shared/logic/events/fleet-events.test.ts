import { describe, expect, it } from 'vitest';
import { auditEvent, demoFaultEvent, snapshotEvents } from '../../../../../shared/logic/events/fleet-events';
import type { AuditEntry, Snapshot } from '../../../../../shared/model';
import { makeCache } from '../../../../renderer/cache-fixtures';
import { makeNode, makePrimary, makeSnapshot, T0 } from '../../../../helpers/snapshot-fixtures';
import { makeFarm, makeMirrorNode } from '../../../../renderer/mirrors-fixtures';
import { makeFinding, makeStorage, makeVolume } from '../../../../renderer/storage-fixtures';

const later = (s: Snapshot, over: Partial<Snapshot>): Snapshot => ({ ...s, ...over, generatedAt: s.generatedAt + 15_000 });

const action = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'a1',
  action: 'setCacheEnabled',
  actor: 'alice (desktop)',
  credential: 'admin',
  targetId: 'prod',
  target: 'Production',
  summary: 'Switch the clone cache off on Production',
  outcome: 'succeeded',
  detail: null,
  startedAt: T0,
  finishedAt: T0 + 2_000,
  ...over,
});

describe('events from consecutive snapshots', () => {
  it('yields nothing for the first snapshot (a baseline) or for an unchanged one', () => {
    const s = makeSnapshot();
    expect(snapshotEvents(null, s)).toEqual([]);
    expect(snapshotEvents(s, later(s, {}))).toEqual([]);
  });

  it('status: a primary and a node going down, with the reason, critical; back up, info', () => {
    const before = makeSnapshot();
    const down = later(before, {
      primaries: [
        makePrimary({
          status: 'degraded',
          statusMessage: '1 of 2 nodes down: bb-node-2',
          nodes: [makeNode(), makeNode({ id: 'n2', name: 'bb-node-2', status: 'down', message: 'Connection refused', local: false })],
        }),
      ],
    });
    const events = snapshotEvents(before, down);
    expect(events.map((e) => [e.kind, e.severity, e.targetId, e.subject, e.text])).toEqual([
      ['status', 'warning', 'prod', null, 'Production: up → degraded — 1 of 2 nodes down: bb-node-2'],
      ['status', 'critical', 'prod', 'bb-node-2', 'bb-node-2 of Production: up → down — Connection refused'],
    ]);
    expect(events.every((e) => e.at === down.generatedAt && !e.demo)).toBe(true);
    const back = snapshotEvents(down, later(down, { primaries: before.primaries }));
    expect(back.map((e) => [e.severity, e.text])).toEqual([
      ['info', 'Production: degraded → up'],
      ['info', 'bb-node-2 of Production: down → up'],
    ]);
  });

  it('status: a target never polled yet says nothing when its first poll arrives', () => {
    const before = makeSnapshot({ primaries: [makePrimary({ status: 'unknown', lastPollAt: null })] });
    expect(snapshotEvents(before, later(before, { primaries: [makePrimary({ status: 'down' })] }))).toEqual([]);
  });

  it('status: mirror farms and their nodes, storage sources and their volumes', () => {
    const before = makeSnapshot({ mirrorFarms: [makeFarm()], storage: [makeStorage()] });
    const farm = makeFarm();
    const source = makeStorage();
    const volume = source.volumes[0];
    if (!volume) throw new Error('fixture has a volume');
    const after = later(before, {
      mirrorFarms: [{ ...farm, status: 'down', nodes: farm.nodes.map((n, i) => (i === 0 ? { ...n, status: 'down' as const } : n)) }],
      storage: [{ ...source, status: 'degraded', volumes: [{ ...volume, status: 'degraded' }, ...source.volumes.slice(1)] }],
    });
    const texts = snapshotEvents(before, after)
      .filter((e) => e.kind === 'status')
      .map((e) => [e.targetId, e.subject, e.severity]);
    expect(texts).toEqual([
      [farm.id, null, 'critical'],
      [farm.id, farm.nodes[0]?.name, 'critical'],
      [source.id, null, 'warning'],
      [source.id, volume.name, 'warning'],
    ]);
  });

  it('findings: raised once confirmed (not while confirming), cleared when gone', () => {
    const confirming = makeFinding({
      id: 'brick-down:bbshared:b2',
      rule: 'brick-down',
      severity: 'critical',
      title: 'A brick is down',
      state: 'confirming',
      volume: 'bbshared',
    });
    const withFinding = (f: typeof confirming | null): Snapshot =>
      makeSnapshot({ storage: [makeStorage({ volumes: [makeVolume({ name: 'bbshared', findings: f ? [f] : [] })] })] });
    const none = withFinding(null);
    expect(snapshotEvents(none, later(none, withFinding(confirming)))).toEqual([]);
    const raised = snapshotEvents(withFinding(confirming), later(none, withFinding({ ...confirming, state: 'raised' })));
    expect(raised.map((e) => [e.kind, e.severity, e.subject])).toEqual([['finding-raised', 'critical', 'bbshared']]);
    expect(raised[0]?.text).toContain('A brick is down (brick-down)');
    const cleared = snapshotEvents(withFinding({ ...confirming, state: 'raised' }), later(none, withFinding(null)));
    expect(cleared.map((e) => [e.kind, e.severity])).toEqual([['finding-cleared', 'info']]);
  });

  it('alerts: opened with their severity, resolved as info, by fingerprint', () => {
    const alert = {
      id: 'prod:cache-disk-guard',
      severity: 'critical' as const,
      targetId: 'prod',
      title: 'SCM caching switched itself off',
      message: 'Disk',
      since: T0,
    };
    const none = makeSnapshot();
    const firing = later(none, { alerts: [alert] });
    expect(snapshotEvents(none, firing).map((e) => [e.kind, e.severity, e.text])).toEqual([
      ['alert-opened', 'critical', 'Alert: SCM caching switched itself off'],
    ]);
    expect(snapshotEvents(firing, later(firing, { alerts: [] })).map((e) => [e.kind, e.severity])).toEqual([['alert-resolved', 'info']]);
    // A changed message is the same alert still firing.
    expect(snapshotEvents(firing, later(firing, { alerts: [{ ...alert, message: 'Disk still full' }] }))).toEqual([]);
  });

  it('cache: switched off by the disk guard, and switched by an admin (named from the audit log) or outside Fleetscope', () => {
    const on = makeSnapshot({ primaries: [makePrimary({ cache: makeCache({ diskGuardTripped: false }) })] });
    const tripped = later(on, { primaries: [makePrimary({ cache: makeCache({ diskGuardTripped: true }) })] });
    expect(snapshotEvents(on, tripped).map((e) => [e.kind, e.severity, e.text])).toEqual([
      ['cache-switched', 'critical', 'Production: SCM caching switched off by the disk guard (free disk below its minimum)'],
    ]);
    const base = makeCache();
    const off = later(on, {
      primaries: [
        makePrimary({ cache: { ...base, diskGuardTripped: false, config: { ...base.config, uploadPack: { ...base.config.uploadPack, enabled: false } } } }),
      ],
    });
    const byAdmin = snapshotEvents(on, off, { recentActions: [action({})] });
    expect(byAdmin.map((e) => [e.kind, e.severity, e.subject, e.text])).toEqual([
      ['cache-switched', 'warning', 'upload-pack', 'Production: clone (upload-pack) cache switched off by admin alice (desktop)'],
    ]);
    expect(snapshotEvents(on, off)[0]?.text).toBe('Production: clone (upload-pack) cache switched off outside Fleetscope');
  });

  it('cache: a TTL change in human units', () => {
    const base = makeCache();
    const at = (ttl: number): Snapshot =>
      makeSnapshot({ primaries: [makePrimary({ cache: { ...base, config: { ...base.config, refs: { ...base.config.refs, ttlSeconds: ttl } } } })] });
    const events = snapshotEvents(at(3600), later(at(3600), at(7200)), { recentActions: [action({ action: 'setCacheTtl' })] });
    expect(events.map((e) => [e.kind, e.subject, e.text])).toEqual([
      ['cache-ttl', 'refs', 'Production: ref advertisement cache TTL 1 h → 2 h by admin alice (desktop)'],
    ]);
  });

  it('mirrors: a pending request becoming a farm is authorized; a farm gone is removed', () => {
    const farm = makeFarm();
    const pending = makeSnapshot({
      primaries: [
        makePrimary({
          pendingMirrorRequests: [{ id: '7', name: farm.name, mirrorId: farm.mirrorId, baseUrl: null, mirrorType: 'FARM', productVersion: null }],
        }),
      ],
    });
    const authorized = later(pending, { primaries: [makePrimary()], mirrorFarms: [farm] });
    expect(snapshotEvents(pending, authorized).map((e) => [e.kind, e.targetId, e.text])).toEqual([
      ['mirror-authorized', farm.id, `Mirror ${farm.name} authorized on Production`],
    ]);
    expect(snapshotEvents(authorized, later(authorized, { mirrorFarms: [] })).map((e) => [e.kind, e.severity])).toEqual([['mirror-removed', 'warning']]);
  });

  it('sync state: one event per farm per poll, however many repositories changed', () => {
    const farm = makeFarm({ nodes: [makeMirrorNode()] });
    const before = makeSnapshot({ mirrorFarms: [farm] });
    const after = later(before, { mirrorFarms: [{ ...farm, repos: { ...farm.repos, lagging: farm.repos.lagging + 40, failing: farm.repos.failing + 3 } }] });
    const events = snapshotEvents(before, after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'sync-state', severity: 'critical', targetId: farm.id });
    expect(events[0]?.text).toBe(
      `${farm.name}: repositories failing ${farm.repos.failing} → ${farm.repos.failing + 3}, lagging ${farm.repos.lagging} → ${farm.repos.lagging + 40}`,
    );
    // Churn between in-sync and syncing is no event.
    const churn = later(before, { mirrorFarms: [{ ...farm, repos: { ...farm.repos, inSync: farm.repos.inSync - 5, syncing: farm.repos.syncing + 5 } }] });
    expect(snapshotEvents(before, churn)).toEqual([]);
  });
});

describe('events from the audit log and the demo switches', () => {
  it('an admin action: who, what, result; a failure is a warning with the reason', () => {
    expect(auditEvent(action({}))).toEqual({
      at: T0 + 2_000,
      kind: 'admin-action',
      severity: 'info',
      targetId: 'prod',
      subject: null,
      text: 'alice (desktop): Switch the clone cache off on Production — succeeded',
      demo: false,
    });
    expect(auditEvent(action({ outcome: 'failed', detail: 'Bitbucket answered 403' }))).toMatchObject({
      severity: 'warning',
      text: expect.stringContaining('failed (Bitbucket answered 403)'),
    });
  });

  it('a demo fault is marked as demo', () => {
    expect(demoFaultEvent('prod', { kind: 'node-down', node: 'bb-node-2' }, true, T0)).toEqual({
      at: T0,
      kind: 'demo-fault',
      severity: 'warning',
      targetId: 'prod',
      subject: null,
      text: 'Demo fault node-down (node bb-node-2) switched on on prod',
      demo: true,
    });
  });
});

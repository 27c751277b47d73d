import { describe, expect, it } from 'vitest';
import { buildCheckReport, formatCheckReport, needsConfirmation } from '../../../electron/cli/check-report';
import type { Primary, Snapshot, TargetStatus } from '../../../shared/model';
import { initialDatasets } from '../../../electron/engine/bitbucket/primary-datasets';

const primary = (id: string, status: TargetStatus, msg: string | null = null): Primary => ({
  id,
  name: id.toUpperCase(),
  baseUrl: `http://${id}`,
  status,
  statusMessage: msg,
  version: '8.19.5',
  buildNumber: null,
  displayName: null,
  nodes: [],
  repositories: null,
  inventoryAt: null,
  lastPollAt: 1,
  lastSuccessAt: 1,
  stale: false,
  datasets: initialDatasets(),
  lastError: null,
  pollIntervalSeconds: 15,
  pollDurationMs: 10,
  cache: null,
  adminCredential: true,
  pendingMirrorRequests: [],
});
const snap = (...primaries: Primary[]): Snapshot => ({
  generatedAt: 0,
  primaries,
  mirrorFarms: [],
  storage: [],
  alerts: [],
  engine: { startedAt: 0, pollIntervalSeconds: 15, demo: false },
});

describe('check report', () => {
  it.each([
    [['up', 'up'], 0, 'ok'],
    [['up', 'degraded'], 1, 'warning'],
    [['degraded', 'unknown'], 3, 'could not check'],
    [['unknown', 'down'], 2, 'critical'],
  ] as const)('%j → exit %i', (statuses, code, verdict) => {
    const r = buildCheckReport(snap(...statuses.map((s, i) => primary(`p${i}`, s))));
    expect(r.exitCode).toBe(code);
    expect(r.verdict).toBe(verdict);
  });

  it('formats one line per target with the reason', () => {
    const text = formatCheckReport(buildCheckReport(snap(primary('prod', 'down', 'Connection refused'))));
    expect(text).toContain('DOWN     primary PROD (prod) 8.19.5 — Connection refused');
    expect(text).toMatch(/Fleet: critical \(exit 2\)$/);
  });
});

describe('check report across areas', () => {
  it('counts mirror farms and storage sources by their status', () => {
    const s = snap(primary('p', 'up'));
    s.mirrorFarms.push({
      id: 'f',
      name: 'Farm',
      primaryId: 'p',
      baseUrl: 'http://m',
      status: 'degraded',
      statusMessage: '1 of 3 nodes offline',
    } as Snapshot['mirrorFarms'][number]);
    s.storage.push({ id: 'g', name: 'Shared home', status: 'down' } as Snapshot['storage'][number]);
    const r = buildCheckReport(s);
    expect(r.exitCode).toBe(2);
    expect(r.targets.map((t) => [t.kind, t.status])).toEqual([
      ['primary', 'up'],
      ['mirror-farm', 'degraded'],
      ['storage', 'down'],
    ]);
    expect(formatCheckReport(r)).toContain('DEGRADED mirror-farm Farm (f) — 1 of 3 nodes offline');
  });
});

describe('check report findings', () => {
  it('counts every open alert by severity, names its rule and target, and covers the caches', () => {
    const s = snap(primary('prod', 'up'));
    s.primaries[0]!.cache = { status: 'degraded', statusMessage: 'Caching switched itself off' } as Snapshot['primaries'][number]['cache'];
    s.alerts.push(
      {
        id: 'prod:cache-disk-guard',
        severity: 'critical',
        targetId: 'prod',
        title: 'PROD: SCM caching switched itself off',
        message: 'Free disk below the minimum',
        since: 0,
      },
      { id: 'mirrors:f1:request:7', severity: 'info', targetId: 'f1', title: 'A mirror asks to be authorized', message: 'Authorize or reject it', since: 0 },
    );
    const r = buildCheckReport(s);
    expect(r.exitCode).toBe(2);
    expect(r.targets).toContainEqual(expect.objectContaining({ kind: 'cache', id: 'prod', status: 'degraded', message: 'Caching switched itself off' }));
    expect(r.findings).toEqual([
      expect.objectContaining({ targetId: 'prod', rule: 'cache-disk-guard', severity: 'critical', text: 'Free disk below the minimum' }),
      expect.objectContaining({ targetId: 'f1', rule: 'mirrors:request:7', severity: 'info' }),
    ]);
    expect(formatCheckReport(r)).toMatch(/^CRITICAL PROD: SCM caching switched itself off \[cache-disk-guard on prod\] — Free disk below the minimum$/m);
  });

  it('a warning finding on healthy targets exits 1; info findings leave it 0', () => {
    const s = snap(primary('prod', 'up'));
    s.alerts.push({ id: 'prod:x', severity: 'info', targetId: 'prod', title: 't', message: 'm', since: 0 });
    expect(buildCheckReport(s).exitCode).toBe(0);
    s.alerts.push({ id: 'prod:y', severity: 'warning', targetId: 'prod', title: 't', message: 'm', since: 0 });
    expect(buildCheckReport(s).exitCode).toBe(1);
  });

  it('asks for a second poll of the storage sources whose findings are confirming or clearing', () => {
    const s = snap();
    const finding = (state: string) => ({ state }) as Snapshot['storage'][number]['findings'][number];
    s.storage.push(
      { id: 'a', findings: [finding('raised')], volumes: [{ findings: [finding('confirming')] }] } as unknown as Snapshot['storage'][number],
      { id: 'b', findings: [finding('raised')], volumes: [] } as unknown as Snapshot['storage'][number],
      { id: 'c', findings: [finding('clearing')], volumes: [] } as unknown as Snapshot['storage'][number],
    );
    expect(needsConfirmation(s)).toEqual(['a', 'c']);
  });
});

describe('check report and unreadable caches', () => {
  it('shows a cache that cannot be read but does not turn the fleet into "could not check"', () => {
    const s = snap(primary('prod', 'up'));
    s.primaries[0]!.cache = { status: 'unknown', statusMessage: 'No SCM cache plugin answered' } as Snapshot['primaries'][number]['cache'];
    const r = buildCheckReport(s);
    expect(r.targets).toContainEqual(expect.objectContaining({ kind: 'cache', status: 'unknown' }));
    expect(r.exitCode).toBe(0);
  });
});

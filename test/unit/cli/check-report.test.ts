import { describe, expect, it } from 'vitest';
import { buildCheckReport, formatCheckReport } from '../../../electron/cli/check-report';
import type { Primary, Snapshot, TargetStatus } from '../../../shared/model';

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

import { describe, expect, it } from 'vitest';
import { LOG_EVENT_TARGET, logAnalysisEvent, probeEvents } from '../../../../../shared/logic/events/evidence-events';
import type { AccessLogReport } from '../../../../../shared/model';
import { mirrorEndpoint, reportOf, stats } from '../../../../helpers/clone-evidence-fixtures';
import { endpointOf } from '../../../../helpers/probe-fixtures';

const T = Date.UTC(2026, 11, 3, 9, 0);

describe('probe events', () => {
  it('one event per endpoint with its verdict; a warning when it failed or its refs differ', () => {
    const report = reportOf(
      [
        endpointOf({ verdict: 'Production (primary): 9.0 s; cache hit' }),
        mirrorEndpoint('EU farm', 2_000, { refsMatchPrimary: false, verdict: 'EU farm: 2.0 s; refs differ from the primary: main differs' }),
        mirrorEndpoint('US farm', 0, { clone: null, error: 'Connection refused', verdict: 'US farm: Connection refused' }),
      ],
      T,
    );
    expect(probeEvents(report)).toEqual([
      {
        at: T,
        kind: 'probe',
        severity: 'info',
        targetId: 'prod',
        subject: 'WEB/web-ui',
        text: 'Probe of WEB/web-ui — Production (primary): 9.0 s; cache hit',
        demo: false,
      },
      {
        at: T,
        kind: 'probe',
        severity: 'warning',
        targetId: 'prod',
        subject: 'WEB/web-ui',
        text: 'Probe of WEB/web-ui — EU farm: 2.0 s; refs differ from the primary: main differs',
        demo: false,
      },
      {
        at: T,
        kind: 'probe',
        severity: 'warning',
        targetId: 'prod',
        subject: 'WEB/web-ui',
        text: 'Probe of WEB/web-ui — US farm: Connection refused',
        demo: false,
      },
    ]);
  });

  it('says nothing of an endpoint whose clone was cancelled', () => {
    const e = mirrorEndpoint('EU farm', 500);
    expect(probeEvents(reportOf([{ ...e, clone: { ...e.clone!, outcome: 'cancelled' } }], T, { cancelled: true }))).toEqual([]);
  });
});

const reportWith = (over: {
  nodes?: AccessLogReport['durations']['clonesByNode'];
  slowRepositories?: AccessLogReport['durations']['slowNodesByRepository'];
  hit?: number;
  miss?: number;
  overLimit?: number;
}): AccessLogReport => {
  const kinds = ['clone', 'shallow', 'fetch', 'push', 'refs'] as const;
  const counts = Object.fromEntries(kinds.map((k) => [k, { hit: 0, miss: 0, none: 0 }])) as AccessLogReport['cache']['byKind'];
  counts.clone = { hit: over.hit ?? 9, miss: over.miss ?? 1, none: 0 };
  return {
    sources: [{ name: 'node-1/atlassian-bitbucket-access.log', bytes: 10, lines: 2 }],
    range: { from: null, to: null },
    seen: { first: Date.UTC(2026, 10, 2, 13, 0), last: Date.UTC(2026, 10, 2, 14, 0) },
    intervalMs: 3_600_000,
    lines: { total: 2, git: 2, other: 0, outOfRange: 0, unparsable: 0, unpairedRequests: 0 },
    operations: { total: 1_234, byKind: { clone: 10, shallow: 0, fetch: 0, push: 0, refs: 1_224 } },
    perInterval: [],
    cache: { byKind: counts, byProtocol: [] },
    durations: {
      byKind: Object.fromEntries(kinds.map((k) => [k, stats(10, k === 'clone' ? 4_000 : null)])) as AccessLogReport['durations']['byKind'],
      byNode: [],
      clonesByNode: over.nodes ?? [],
      slowNodesByRepository: over.slowRepositories ?? [],
    },
    concurrency: { limit: 4, peak: 3, secondsOverLimit: over.overLimit ?? 0, perInterval: [], truncated: false },
    top: { repositories: [], users: [], clientIps: [] },
    slowest: [],
    unparsable: { count: 0, examples: [] },
  };
};

describe('log analysis event', () => {
  it('summarises what was read, on the timeline at the time it finished', () => {
    expect(logAnalysisEvent(reportWith({}), T)).toEqual({
      at: T,
      kind: 'log-analysis',
      severity: 'info',
      targetId: LOG_EVENT_TARGET,
      subject: null,
      text: 'Access logs read (node-1/atlassian-bitbucket-access.log): 1,234 git operations, 2026-11-02 13:00 to 14:00 UTC; 90 % of cached clones hit; clone p95 4.0 s',
      demo: false,
    });
  });

  it('warns of a slow node, time above the hosting limit, or most clones missing the cache', () => {
    const slow = logAnalysisEvent(
      reportWith({
        nodes: [
          { node: 'N1', durations: stats(9, 1_000) },
          { node: 'N2', durations: stats(9, 6_000) },
        ],
      }),
      T,
    );
    expect([slow.severity, slow.text]).toEqual(['warning', expect.stringContaining("node N2's clone p95 is 6.0× the other nodes'")]);
    expect(logAnalysisEvent(reportWith({ overLimit: 42 }), T).text).toContain('42 s above the hosting limit');
    expect(logAnalysisEvent(reportWith({ overLimit: 42 }), T).severity).toBe('warning');
    expect(logAnalysisEvent(reportWith({ hit: 2, miss: 8 }), T).severity).toBe('warning');
  });

  it('names the repositories one node served far slower than their other nodes, the worst first', () => {
    const slow = (repository: string, ratio: number) => ({ repository, node: 'N3', p95Ms: 1_000 * ratio, othersP95Ms: 1_000, ratio });
    const one = logAnalysisEvent(reportWith({ slowRepositories: [slow('PLAT/api', 5)] }), T);
    expect([one.severity, one.text]).toEqual(['warning', expect.stringContaining('PLAT/api clones p95 5.0× slower on node N3 than on its other nodes')]);
    const many = logAnalysisEvent(reportWith({ slowRepositories: [slow('PLAT/api', 5), slow('WEB/ui', 4), slow('OPS/x', 3.5), slow('MOB/y', 3.1)] }), T);
    expect(many.text).toContain('PLAT/api clones p95 5.0× slower on node N3');
    expect(many.text).toContain('WEB/ui clones p95 4.0× slower on node N3');
    expect(many.text).toContain('and 2 more repositories with a slow node');
    expect(many.text).not.toContain('MOB/y');
  });
});

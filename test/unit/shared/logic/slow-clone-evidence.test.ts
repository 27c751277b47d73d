import { describe, expect, it } from 'vitest';
import {
  logCacheMissRule,
  logSlowNodeRule,
  logSpanWords,
  probeFailedRule,
  probeSlowEndpointRule,
  probeStaleRefsRule,
  slowCloneNodes,
} from '../../../../shared/logic/slow-clone-evidence';
import { explainSlowClone, type SlowCloneInput } from '../../../../shared/logic/slow-clone-rules';
import { logFiguresOf, mirrorEndpoint, reportOf, stats } from '../../../helpers/clone-evidence-fixtures';
import { endpointOf } from '../../../helpers/probe-fixtures';
import { makeCache } from '../../../renderer/cache-fixtures';
import { makePrimary, T0 } from '../../../renderer/fixtures';

const primaryFast = endpointOf({ label: 'Production (primary)' });
const fastAt = (ms: number) => mirrorEndpoint('Primary node 1', ms, { kind: 'node' });

describe('slow-clone rules over probes', () => {
  it('probe-slow-endpoint names an endpoint 3× slower than the fastest, with its main phase and rate', () => {
    const r = reportOf([fastAt(1_500), mirrorEndpoint('São Paulo CI farm', 41_000)], T0 - 4 * 60_000);
    const [f, ...rest] = probeSlowEndpointRule({ now: T0, probes: [r] });
    expect(rest).toEqual([]);
    expect(f!.text).toBe('The last probe of São Paulo CI farm (4 min ago) took 41 s, 37 s of it receiving the pack at 54.2 kB/s — 27× Primary node 1 (1.5 s).');
    expect(f!.severity).toBe('warning');
    expect(f!.link).toEqual({ view: 'repo', repo: { projectKey: 'WEB', repoSlug: 'web-ui' }, params: { primary: 'prod' } });
  });

  it('probe-slow-endpoint stays quiet when every endpoint is about as fast, or the slow one is under 2 s', () => {
    expect(probeSlowEndpointRule({ now: T0, probes: [reportOf([fastAt(1_500), mirrorEndpoint('EU farm', 2_500)], T0)] })).toEqual([]);
    expect(probeSlowEndpointRule({ now: T0, probes: [reportOf([fastAt(100), mirrorEndpoint('EU farm', 1_900)], T0)] })).toEqual([]);
    expect(probeSlowEndpointRule({ now: T0, probes: [] })).toEqual([]);
    expect(probeSlowEndpointRule({ now: T0 })).toEqual([]);
  });

  it('probe-slow-endpoint reads only the last probe, and names a lone endpoint only past 30 s', () => {
    const old = reportOf([fastAt(1_000), mirrorEndpoint('EU farm', 20_000)], T0 - 3_600_000);
    const latest = reportOf([fastAt(1_000), mirrorEndpoint('EU farm', 1_200)], T0);
    expect(probeSlowEndpointRule({ now: T0, probes: [latest, old] })).toEqual([]);
    expect(probeSlowEndpointRule({ now: T0, probes: [reportOf([fastAt(29_000)], T0)] })).toEqual([]);
    expect(probeSlowEndpointRule({ now: T0, probes: [reportOf([fastAt(31_000)], T0)] })[0]!.text).toMatch(
      /^The last probe of Primary node 1 \(0 s ago\) took 31 s,/,
    );
  });

  it('probe-stale-refs says which mirror serves old refs, with the refs', () => {
    const behind = mirrorEndpoint('São Paulo CI farm', 2_000, { refsMatchPrimary: false, refsNote: 'main is at 3f2a9c1 here and 8b0e7d4 on the primary' });
    const [f] = probeStaleRefsRule({ now: T0, probes: [reportOf([primaryFast, behind], T0 - 120_000)] });
    expect(f!.text).toBe(
      'São Paulo CI farm serves old refs (last probe, 2 min ago): main is at 3f2a9c1 here and 8b0e7d4 on the primary. Clones there miss the newest commits.',
    );
    expect(probeStaleRefsRule({ now: T0, probes: [reportOf([primaryFast, mirrorEndpoint('EU farm', 2_000)], T0)] })).toEqual([]);
  });

  it('probe-failed names an endpoint whose clone failed or timed out, not one that was cancelled', () => {
    const down = mirrorEndpoint('EU farm', 0, { error: 'Connection refused: the endpoint is down', clone: null });
    const cancelled = mirrorEndpoint('US farm', 500, { error: 'Cancelled.' });
    const cancelledClone = { ...cancelled, clone: { ...cancelled.clone!, outcome: 'cancelled' as const } };
    const found = probeFailedRule({ now: T0, probes: [reportOf([primaryFast, down, cancelledClone], T0)] });
    expect(found.map((f) => [f.rule, f.severity, f.text])).toEqual([
      ['probe-failed', 'critical', 'The last probe of EU farm (0 s ago) failed: Connection refused: the endpoint is down. Clones there fail or hang.'],
    ]);
    expect(probeFailedRule({ now: T0, probes: [reportOf([primaryFast], T0)] })).toEqual([]);
  });
});

describe('slow-clone rules over access logs', () => {
  it("log-slow-node names the node whose p95 time for this repository's clones is 3× or more its other nodes'", () => {
    const logs = logFiguresOf({
      clonesByNode: [
        { node: 'N1', durations: stats(50, 2_000) },
        { node: 'N2', durations: stats(40, 12_000) },
        { node: 'N3', durations: stats(60, 2_000) },
      ],
    });
    const [f, ...rest] = logSlowNodeRule({ now: T0, logs });
    expect(rest).toEqual([]);
    expect(f!.text).toBe(
      "Node N2 served clones of WEB/web-ui slowest: p95 6× its other nodes' (12 s against 2.0 s, access logs 2026-11-02 13:00 to 14:10 UTC): its clones that land there wait.",
    );
    expect(f!.link).toEqual({ view: 'logs', repo: null, params: {} });
  });

  it('log-slow-node stays quiet for nodes alike, a node with too few clones, or a single node', () => {
    expect(logSlowNodeRule({ now: T0, logs: logFiguresOf() })).toEqual([]);
    const few = [
      { node: 'N1', durations: stats(50, 2_000) },
      { node: 'N2', durations: stats(4, 60_000) },
    ];
    expect(logSlowNodeRule({ now: T0, logs: logFiguresOf({ clonesByNode: few }) })).toEqual([]);
    expect(slowCloneNodes([{ node: 'N1', durations: stats(50, 60_000) }])).toEqual([]);
    expect(logSlowNodeRule({ now: T0, logs: null })).toEqual([]);
  });

  it('log-cache-miss states the share of the repository clones that missed, with its evidence', () => {
    const [f] = logCacheMissRule({ now: T0, logs: logFiguresOf({ cache: { hit: 12, miss: 28, none: 3 } }) });
    expect(f!.text).toBe(
      '70 % of clones of WEB/web-ui missed the cache in the logs (28 of 40, 2026-11-02 13:00 to 14:10 UTC): each miss builds the pack with git on the primary.',
    );
    expect(f!.severity).toBe('warning');
    const [mild] = logCacheMissRule({ now: T0, logs: logFiguresOf({ cache: { hit: 26, miss: 14, none: 0 } }) });
    expect([mild!.severity, mild!.text.slice(0, 4)]).toEqual(['info', '35 %']);
  });

  it('log-cache-miss stays quiet under 30 % misses or with fewer than 5 cached clones', () => {
    expect(logCacheMissRule({ now: T0, logs: logFiguresOf({ cache: { hit: 30, miss: 10, none: 0 } }) })).toEqual([]);
    expect(logCacheMissRule({ now: T0, logs: logFiguresOf({ cache: { hit: 0, miss: 4, none: 9 } }) })).toEqual([]);
  });

  it('names a span across days with both dates', () => {
    expect(logSpanWords({ first: Date.UTC(2026, 10, 2, 23, 0), last: Date.UTC(2026, 10, 3, 1, 5) })).toBe('2026-11-02 23:00 to 2026-11-03 01:05 UTC');
    expect(logSpanWords({ first: null, last: null })).toBe('no operations');
  });
});

describe('measured evidence among the other rules', () => {
  it('orders probe and log findings by impact with the state rules', () => {
    const input: SlowCloneInput = {
      now: T0,
      repo: { id: '42', projectKey: 'WEB', projectId: '1', projectName: 'Web', slug: 'web-ui', name: 'Web UI', state: 'AVAILABLE', archived: false },
      primary: makePrimary({ cache: makeCache({ diskGuardTripped: true }) }),
      cacheRepo: null,
      diskGuardSince: null,
      mirrors: [],
      volumes: [],
      probes: [reportOf([fastAt(1_000), mirrorEndpoint('São Paulo CI farm', 41_000, { refsMatchPrimary: false, refsNote: 'main differs' })], T0)],
      logs: logFiguresOf({ cache: { hit: 12, miss: 28, none: 0 } }),
    };
    expect(explainSlowClone(input).map((f) => f.rule)).toEqual(['cache-disk-guard', 'probe-slow-endpoint', 'probe-stale-refs', 'log-cache-miss']);
  });
});

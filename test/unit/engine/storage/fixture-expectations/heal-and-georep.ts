// Expected verdicts and findings for the heal-info and geo-replication captures.
import { expect } from 'vitest';
import { arbiter, artifacts, geo, notXmlInfo, OK, shared, split, unknownCluster, unknownVolume, type Expect } from './baselines';

export const HEAL_AND_GEOREP_EXPECTED: Record<string, (file: string) => Expect> = {
  // Geo-replication of bbshared (all workers on one host, so all Active when running).
  'georep-status-detail.bbshared.checkpoint.txt': (f) => unknownCluster(shared({ georep: f })),
  'georep-status-detail.bbshared.checkpoint.xml': (f) => geo(f, 'ok', [], 1),
  'georep-status-detail.bbshared.running.txt': (f) => unknownCluster(shared({ georep: f })),
  'georep-status-detail.bbshared.running.xml': (f) => geo(f, 'ok', [], 1),
  'georep-status.all.running.txt': (f) => unknownCluster(shared({ georep: f })),
  'georep-status.all.running.xml': (f) => ({
    ...geo(f, 'ok', [], 1),
    check: (s) => {
      expect(s.geoReplication![0]).toMatchObject({ primaryVolume: 'bbshared', secondary: 'vm::bbgeo', status: 'Active' });
      expect(s.geoReplication![0]!.pairs.map((p) => p.lastSynced)).toEqual(['2026-11-21 19:49:30', '2026-11-21 19:49:30', '2026-11-21 19:49:27']);
      // Lag as of the second poll, 15 s after the capture time: 19:52:15 − 19:49:27.
      expect(s.geoReplication![0]!.pairs[2]!.lagSeconds).toBe(168);
    },
  }),
  'georep-status.bbshared.created.txt': (f) => unknownCluster(shared({ georep: f })),
  'georep-status.bbshared.created.xml': (f) => geo(f, 'degraded', ['georep-not-running:warning'], 1),
  'georep-status.bbshared.history-crawl-after-recovery.txt': (f) => unknownCluster(shared({ georep: f })),
  'georep-status.bbshared.history-crawl-after-recovery.xml': (f) => geo(f, 'ok', [], 1),
  'georep-status.bbshared.initializing.txt': (f) => unknownCluster(shared({ georep: f })),
  // Initializing... is normal for the first couple of minutes; the timing rule is tested on its own.
  'georep-status.bbshared.initializing.xml': (f) => geo(f, 'ok', [], 1),
  // "No active geo-replication sessions" is not XML even under --xml: there are none, which is fine.
  'georep-status.bbshared.none.txt': (f) => ({ ...geo(f, 'ok', [], 0), parse: 'not-xml' }),
  'georep-status.bbshared.none.xml': (f) => ({ ...geo(f, 'ok', [], 0), parse: 'not-xml' }),
  'georep-status.bbshared.paused.txt': (f) => unknownCluster(shared({ georep: f })),
  'georep-status.bbshared.paused.xml': (f) => geo(f, 'degraded', ['georep-not-running:warning'], 1),
  'georep-status.bbshared.right-after-start-still-created.txt': (f) => unknownCluster(shared({ georep: f })),
  'georep-status.bbshared.right-after-start-still-created.xml': (f) => geo(f, 'degraded', ['georep-not-running:warning'], 1),
  'georep-status.bbshared.stopped.txt': (f) => unknownCluster(shared({ georep: f })),
  'georep-status.bbshared.stopped.xml': (f) => geo(f, 'degraded', ['georep-not-running:warning'], 1),
  'georep-status.none.txt': (f) => ({ ...geo(f, 'ok', [], 0), parse: 'not-xml' }),
  'georep-status.none.xml': (f) => ({ ...geo(f, 'ok', [], 0), parse: 'not-xml' }),

  // heal info split-brain, read as the heal answer of bbshared / as the split-brain list of bbsplit.
  'heal-info-split-brain.bbshared.all-up.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info-split-brain.bbshared.all-up.xml': (f) => ({ parse: 'ok', scenario: shared({ heal: { bbshared: f } }), ...OK }),
  'heal-info-split-brain.bbshared.brick-down.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info-split-brain.bbshared.brick-down.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: 'volume-status.bbshared.one-brick-down.xml', heal: { bbshared: f } }),
    verdict: 'degraded',
    findings: ['brick-down:warning'],
    check: (s) => expect(s.volumes[0]!.bricks[1]!.heal).toMatchObject({ connected: false, status: 'Transport endpoint is not connected', total: null }),
  }),
  'heal-info-split-brain.bbsplit.split-brain.txt': (f) => ({
    parse: 'not-xml',
    scenario: split({ splitBrain: { bbsplit: f } }),
    verdict: 'critical',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'],
    check: (s) => {
      expect(s.volumes[0]!.heal.splitBrainEntries).toEqual([]);
      expect(s.volumes[0]!.heal.error).toMatch(/info split-brain.*printed text instead of XML/);
    },
  }),
  'heal-info-split-brain.bbsplit.split-brain.xml': (f) => ({
    parse: 'ok',
    scenario: split({ splitBrain: { bbsplit: f } }),
    verdict: 'critical',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'],
    check: (s) => {
      const v = s.volumes[0]!;
      expect(v.heal.splitBrain).toBe(3);
      expect(v.heal.splitBrainEntries.map((e) => e.path)).toEqual([
        '/meta.txt',
        '/config.yml',
        '/dir',
        '<gfid:340cb5d8-adbd-4fe8-850f-8719cfb02038>',
        '<gfid:fa41abfb-0820-4193-9837-f41305b969be>',
        '<gfid:59cf6adc-0150-44d2-9e11-05a8ae16425a>',
      ]);
      expect(v.quorum.clientType).toBe('none');
      expect(v.replicaSets[0]).toMatchObject({ quorum: 'met', status: 'up' });
    },
  }),

  // heal info summary: the counts behind the backlog, split-brain and possibly-healing rules.
  'heal-info-summary.bbarbiter.all-up.txt': (f) => unknownVolume('not-xml', arbiter({ heal: { bbarbiter: f } })),
  'heal-info-summary.bbarbiter.all-up.xml': (f) => ({ parse: 'ok', scenario: arbiter({ heal: { bbarbiter: f } }), ...OK }),
  'heal-info-summary.bbarbiter.arbiter-brick-down.txt': (f) => unknownVolume('not-xml', arbiter({ heal: { bbarbiter: f } })),
  'heal-info-summary.bbarbiter.arbiter-brick-down.xml': (f) => ({
    parse: 'ok',
    scenario: arbiter({ status: 'volume-status.bbarbiter.arbiter-brick-down.xml', heal: { bbarbiter: f } }),
    verdict: 'degraded',
    findings: ['brick-down:warning', 'heal-backlog:info'],
    check: (s) => {
      const v = s.volumes[0]!;
      expect(v.heal.pending).toBe(11);
      expect(v.bricks[2]).toMatchObject({ arbiter: true, status: 'down' });
      expect(v.replicaSets[0]).toMatchObject({ up: 2, down: 1, quorum: 'met', status: 'degraded' });
    },
  }),
  'heal-info-summary.bbarbiter.data-and-arbiter-down.txt': (f) => unknownVolume('not-xml', arbiter({ heal: { bbarbiter: f } })),
  'heal-info-summary.bbarbiter.data-and-arbiter-down.xml': (f) => ({
    parse: 'ok',
    scenario: arbiter({ status: 'volume-status.bbarbiter.data-and-arbiter-down.xml', heal: { bbarbiter: f } }),
    verdict: 'critical',
    findings: ['brick-down:warning', 'brick-down:warning', 'client-quorum-lost:critical', 'heal-backlog:info'],
    check: (s) => expect(s.volumes[0]!.replicaSets[0]).toMatchObject({ up: 1, quorum: 'lost', status: 'down' }),
  }),
  'heal-info-summary.bbartifacts.after-restart.txt': (f) => unknownVolume('not-xml', artifacts({ heal: { bbartifacts: f } })),
  'heal-info-summary.bbartifacts.after-restart.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ status: 'volume-status.bbartifacts.bricks-restarted.xml', heal: { bbartifacts: f } }),
    ...OK,
  }),
  'heal-info-summary.bbartifacts.one-brick-down.txt': (f) => unknownVolume('not-xml', artifacts({ heal: { bbartifacts: f } })),
  'heal-info-summary.bbartifacts.one-brick-down.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ status: 'volume-status.bbartifacts.one-brick-down.xml', heal: { bbartifacts: f } }),
    verdict: 'degraded',
    findings: ['brick-down:warning', 'heal-backlog:info'],
    check: (s) => expect(s.volumes[0]!.heal.pending).toBe(27),
  }),
  'heal-info-summary.bbartifacts.two-bricks-down-quorum-lost.txt': (f) => unknownVolume('not-xml', artifacts({ heal: { bbartifacts: f } })),
  'heal-info-summary.bbartifacts.two-bricks-down-quorum-lost.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ status: 'volume-status.bbartifacts.two-bricks-down-same-replica-set.xml', heal: { bbartifacts: f } }),
    verdict: 'critical',
    findings: ['brick-down:warning', 'brick-down:warning', 'client-quorum-lost:critical', 'heal-backlog:info'],
    check: (s) => {
      const v = s.volumes[0]!;
      expect(v.replicaSets.map((r) => [r.name, r.quorum, r.status])).toEqual([
        ['bbartifacts-replicate-0', 'met', 'up'],
        ['bbartifacts-replicate-1', 'lost', 'down'],
      ]);
      expect(v.status).toBe('degraded');
    },
  }),
  'heal-info-summary.bbshared.all-up.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info-summary.bbshared.all-up.xml': (f) => ({ parse: 'ok', scenario: shared({ heal: { bbshared: f } }), ...OK }),
  'heal-info-summary.bbshared.brick-back-pending-shd-off.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info-summary.bbshared.brick-back-pending-shd-off.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: 'volume-status.bbshared.brick-restarted-shd-disabled.xml', heal: { bbshared: f } }),
    verdict: 'degraded',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning'],
    check: (s) => expect(s.volumes[0]!.heal.pending).toBe(303),
  }),
  'heal-info-summary.bbshared.brick-down-pending.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info-summary.bbshared.brick-down-pending.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: 'volume-status.bbshared.one-brick-down.xml', heal: { bbshared: f } }),
    verdict: 'degraded',
    findings: ['brick-down:warning', 'heal-backlog:info'],
    check: (s) =>
      expect(s.volumes[0]!.bricks[1]!.heal).toMatchObject({
        connected: false,
        status: 'Failed to process entries completely. (Transport endpoint is not connected)',
      }),
  }),
  // Heal progress, read one after the other: the backlog falls, so it is information, not a problem.
  'heal-info-summary.bbshared.healing-progress-1-t6s.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ heal: { bbshared: ['heal-info-summary.bbshared.brick-back-pending-shd-off.xml', f] } }),
    verdict: 'ok',
    findings: ['heal-backlog:info', 'possibly-healing:info (confirming)'],
    check: (s) => expect(s.volumes[0]!.heal).toMatchObject({ pending: 298, possiblyHealing: 1, trend: 'falling' }),
  }),
  'heal-info-summary.bbshared.healing-progress-2-t28s.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ heal: { bbshared: ['heal-info-summary.bbshared.healing-progress-1-t6s.xml', f] } }),
    verdict: 'ok',
    findings: ['heal-backlog:info', 'possibly-healing:info'],
    check: (s) => expect(s.volumes[0]!.heal).toMatchObject({ pending: 132, trend: 'falling' }),
  }),
  'heal-info-summary.bbshared.healing-progress-3-t39s-done.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ heal: { bbshared: ['heal-info-summary.bbshared.healing-progress-2-t28s.xml', f] } }),
    ...OK,
    check: (s) => expect(s.volumes[0]!.heal).toMatchObject({ pending: 0, trend: 'falling' }),
  }),
  // Heal state unknown, but self-heal is off anyway: the known problem outranks the unknown.
  'heal-info-summary.bbsplit.after-partial-resolve.txt': (f) => ({
    parse: 'not-xml',
    scenario: split({ heal: { bbsplit: f } }),
    verdict: 'degraded',
    findings: ['self-heal-daemon:warning'],
  }),
  'heal-info-summary.bbsplit.after-partial-resolve.xml': (f) => ({
    parse: 'ok',
    scenario: split({ heal: { bbsplit: f } }),
    verdict: 'critical',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'],
    check: (s) => expect(s.volumes[0]!.heal).toMatchObject({ splitBrain: 1, pending: 1 }),
  }),
  'heal-info-summary.bbsplit.split-brain.txt': (f) => ({
    parse: 'not-xml',
    scenario: split({ heal: { bbsplit: f } }),
    verdict: 'degraded',
    findings: ['self-heal-daemon:warning'],
  }),
  'heal-info-summary.bbsplit.split-brain.xml': (f) => ({
    parse: 'ok',
    scenario: split({ heal: { bbsplit: f } }),
    verdict: 'critical',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'],
    check: (s) => {
      expect(s.volumes[0]!.heal).toMatchObject({ splitBrain: 3, pending: 1 });
      expect(s.volumes[0]!.findings.find((x) => x.rule === 'self-heal-daemon')!.title).toMatch(/disabled/);
    },
  }),

  // Plain heal info (file lists), read where the summary would be: counts, no split-brain split-out.
  'heal-info.bbartifacts.all-up.txt': (f) => unknownVolume('not-xml', artifacts({ heal: { bbartifacts: f } })),
  'heal-info.bbartifacts.all-up.xml': (f) => ({ parse: 'ok', scenario: artifacts({ heal: { bbartifacts: f } }), ...OK }),
  'heal-info.bbartifacts.two-bricks-down-quorum-lost.txt': (f) => unknownVolume('not-xml', artifacts({ heal: { bbartifacts: f } })),
  'heal-info.bbartifacts.two-bricks-down-quorum-lost.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ status: 'volume-status.bbartifacts.two-bricks-down-same-replica-set.xml', heal: { bbartifacts: f } }),
    verdict: 'critical',
    findings: ['brick-down:warning', 'brick-down:warning', 'client-quorum-lost:critical', 'heal-backlog:info'],
    check: (s) => expect(s.volumes[0]!.heal.pending).toBe(27),
  }),
  'heal-info.bbscratch.not-replicated.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info.bbscratch.not-replicated.xml': (f) => ({
    ...unknownVolume('op-failed', shared({ heal: { bbshared: f } })),
    check: (s) => expect(s.volumes[0]!.verdictReason).toMatch(/Heal state unknown: .*Not able to fetch volfile from glusterd/),
  }),
  'heal-info.bbshared.all-up.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info.bbshared.all-up.xml': (f) => ({ parse: 'ok', scenario: shared({ heal: { bbshared: f } }), ...OK }),
  'heal-info.bbshared.brick-back-pending-shd-off.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info.bbshared.brick-back-pending-shd-off.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: 'volume-status.bbshared.brick-restarted-shd-disabled.xml', heal: { bbshared: f } }),
    verdict: 'degraded',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning'],
    check: (s) => expect(s.volumes[0]!.heal.pending).toBe(303),
  }),
  'heal-info.bbshared.brick-down-no-writes.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info.bbshared.brick-down-no-writes.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: 'volume-status.bbshared.one-brick-down.xml', heal: { bbshared: f } }),
    verdict: 'degraded',
    findings: ['brick-down:warning'],
    check: (s) => expect(s.volumes[0]!.heal.pending).toBe(0),
  }),
  'heal-info.bbshared.brick-down-pending.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info.bbshared.brick-down-pending.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: 'volume-status.bbshared.one-brick-down.xml', heal: { bbshared: f } }),
    verdict: 'degraded',
    findings: ['brick-down:warning', 'heal-backlog:info'],
    check: (s) => expect(s.volumes[0]!.heal.pending).toBe(303),
  }),
  'heal-info.bbshared.healed.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-info.bbshared.healed.xml': (f) => ({ parse: 'ok', scenario: shared({ heal: { bbshared: f } }), ...OK }),
  'heal-info.bbsplit.split-brain.txt': (f) => ({
    parse: 'not-xml',
    scenario: split({ heal: { bbsplit: f } }),
    verdict: 'degraded',
    findings: ['self-heal-daemon:warning'],
  }),
  // Plain heal info XML cannot tell split-brain entries apart (only the text form says so): the
  // backlog shows, split-brain does not — which is why the summary is what Fleetscope reads.
  'heal-info.bbsplit.split-brain.xml': (f) => ({
    parse: 'ok',
    scenario: split({ heal: { bbsplit: f } }),
    verdict: 'degraded',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning'],
    check: (s) => expect(s.volumes[0]!.heal).toMatchObject({ pending: 4, splitBrain: null }),
  }),
  'heal-split-brain-resolve.bbsplit.latest-mtime.txt': notXmlInfo,
  'heal-split-brain-resolve.bbsplit.source-brick-all.txt': notXmlInfo,
  // heal-count has no XML form: in place of the summary it leaves the heal state unknown.
  'heal-statistics-heal-count.bbshared.all-up.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-statistics-heal-count.bbshared.all-up.xml': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-statistics-heal-count.bbshared.brick-down-pending.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-statistics-heal-count.bbshared.brick-down-pending.xml': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
  'heal-statistics.bbshared.after-heal.txt': (f) => unknownVolume('not-xml', shared({ heal: { bbshared: f } })),
};

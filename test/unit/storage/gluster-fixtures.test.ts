import { describe, expect, it } from 'vitest';
import type { ErrorCode, TargetStatus, VolumeVerdict } from '../../../shared/model';
import { parseCliOutput, type CliOutcome } from '../../../electron/engine/storage/gluster-xml';
import { findingKeys, fixture, fixtureNames, runScenario, type Scenario } from './gluster-scenario';

/**
 * Every real GlusterFS capture in ../shared/fixtures/gluster, fed to the parser and, as the
 * answer to one command of an otherwise healthy poll, to the health rules. Each expectation is
 * written out by hand from what the capture shows (see HOW-CAPTURED.md for the situations).
 */

// Healthy baselines, one per volume layout; a fixture replaces one command's answer.
const shared = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbshared',
  info: 'volume-info.bbshared.replica3.xml',
  status: 'volume-status.bbshared.all-up-after-heal.xml',
  detail: 'volume-status-detail.bbshared.all-up.xml',
  heal: { bbshared: 'heal-info-summary.bbshared.all-up.xml' },
  ...o,
});
/** bbshared with quota on (from the final capture) and quotad running. */
const sharedQuota = (o: Partial<Scenario> = {}): Scenario =>
  shared({ info: 'volume-info.all.final-mixed.xml', status: 'volume-status.bbshared.with-quotad.xml', quota: 'volume-quota-list.bbshared.xml', ...o });
const artifacts = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbartifacts',
  info: 'volume-info.bbartifacts.distrep-2x3.xml',
  status: 'volume-status.bbartifacts.all-up.xml',
  detail: 'volume-status-detail.all.all-up.xml',
  heal: { bbartifacts: 'heal-info-summary.bbartifacts.after-restart.xml' },
  ...o,
});
const arbiter = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbarbiter',
  info: 'volume-info.bbarbiter.replica3-arbiter1.xml',
  status: 'volume-status.all.all-up.xml',
  detail: 'volume-status-detail.bbarbiter.all-up.xml',
  heal: { bbarbiter: 'heal-info-summary.bbarbiter.all-up.xml' },
  ...o,
});
/** Replica 2 with quorum none and self-heal off (the split-brain capture); status has no daemon nodes. */
const split = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbsplit',
  info: 'volume-info.bbsplit.replica2-quorum-none.xml',
  status: 'volume-status-detail.all.final-mixed.xml',
  detail: 'volume-status-detail.all.final-mixed.xml',
  heal: { bbsplit: 'heal-info-summary.bbsplit.split-brain.xml' },
  splitBrain: { bbsplit: 'heal-info-split-brain.bbsplit.split-brain.xml' },
  ...o,
});
/** Distribute 2 on two tiny loop filesystems: ext4 out of inodes, xfs full. */
const full = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbfull',
  info: 'volume-info.bbfull.distribute-2.xml',
  status: 'volume-status-detail.bbfull.disk-full-and-inodes-low.xml',
  detail: 'volume-status-detail.bbfull.disk-full-and-inodes-low.xml',
  ...o,
});

interface Expect {
  /** How the parser classifies the file. */
  parse: CliOutcome['kind'];
  scenario: Scenario;
  /** The volume's verdict; omitted when the poll fails before any volume is known. */
  verdict?: VolumeVerdict;
  findings?: string[];
  source?: TargetStatus;
  /** Cluster-level findings. */
  cluster?: string[];
  error?: ErrorCode;
  /** Anything else worth pinning down. */
  check?: (s: Awaited<ReturnType<typeof runScenario>>['source']) => void;
}

const OK = { verdict: 'ok' as const, findings: [] as string[], source: 'up' as const };
/** The final capture lists seven volumes and only bbshared is answered for; the others stay unknown. */
const OK_VOLUME = { verdict: 'ok' as const, findings: [] as string[] };
/** The answer to `volume info` is not usable: the poll fails and says why; no volume is invented. */
const infoUnusable = (parse: CliOutcome['kind'], error: ErrorCode) => (f: string): Expect => ({ parse, scenario: shared({ info: f }), source: 'unknown', error });
const notXmlInfo = infoUnusable('not-xml', 'not-available');
const otherXmlInfo = infoUnusable('ok', 'malformed');
/** A text (or failed) answer to one command leaves that part unknown: the volume is `unknown`, never ok. */
const unknownVolume = (parse: CliOutcome['kind'], scenario: Scenario): Expect => ({ parse, scenario, verdict: 'unknown', findings: [] });
/** A text answer to a cluster-wide command: the volumes are judged, the cluster is `unknown`. */
const unknownCluster = (scenario: Scenario): Expect => ({ parse: 'not-xml', scenario, verdict: 'ok', findings: [], source: 'unknown' });
const GLUSTERD_DOWN = (f: string): Expect => ({ parse: 'glusterd-down', scenario: shared({ info: f }), source: 'down', error: 'refused', cluster: ['glusterd-unreachable:critical'] });

const geo = (f: string, verdict: VolumeVerdict, findings: string[], sessions: number): Expect => ({
  parse: 'ok',
  scenario: shared({ georep: f }),
  verdict,
  findings,
  source: verdict === 'ok' ? 'up' : 'degraded',
  check: (s) => expect(s.geoReplication).toHaveLength(sessions),
});

const EXPECTED: Record<string, (file: string) => Expect> = {
  // glusterd down: plain text even under --xml, whatever the command.
  'cli-error.glusterd-down.peer-status.txt': GLUSTERD_DOWN,
  'cli-error.glusterd-down.peer-status.xml': GLUSTERD_DOWN,
  'cli-error.glusterd-down.volume-status.txt': GLUSTERD_DOWN,
  'cli-error.glusterd-down.volume-status.xml': GLUSTERD_DOWN,

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

  // get-state writes an INI-like file; never mistaken for `volume info`.
  'get-state-detail.single-node.txt': notXmlInfo,
  'get-state.single-node.txt': notXmlInfo,

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
  'heal-info-summary.bbartifacts.after-restart.xml': (f) => ({ parse: 'ok', scenario: artifacts({ status: 'volume-status.bbartifacts.bricks-restarted.xml', heal: { bbartifacts: f } }), ...OK }),
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
    check: (s) => expect(s.volumes[0]!.bricks[1]!.heal).toMatchObject({ connected: false, status: 'Failed to process entries completely. (Transport endpoint is not connected)' }),
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
  'heal-info-summary.bbsplit.after-partial-resolve.txt': (f) => ({ parse: 'not-xml', scenario: split({ heal: { bbsplit: f } }), verdict: 'degraded', findings: ['self-heal-daemon:warning'] }),
  'heal-info-summary.bbsplit.after-partial-resolve.xml': (f) => ({
    parse: 'ok',
    scenario: split({ heal: { bbsplit: f } }),
    verdict: 'critical',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'],
    check: (s) => expect(s.volumes[0]!.heal).toMatchObject({ splitBrain: 1, pending: 1 }),
  }),
  'heal-info-summary.bbsplit.split-brain.txt': (f) => ({ parse: 'not-xml', scenario: split({ heal: { bbsplit: f } }), verdict: 'degraded', findings: ['self-heal-daemon:warning'] }),
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
  'heal-info.bbsplit.split-brain.txt': (f) => ({ parse: 'not-xml', scenario: split({ heal: { bbsplit: f } }), verdict: 'degraded', findings: ['self-heal-daemon:warning'] }),
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

  // Peers.
  'peer-status.single-node.txt': (f) => unknownCluster(shared({ peers: f })),
  'peer-status.single-node.xml': (f) => ({ parse: 'ok', scenario: shared({ peers: f }), ...OK, check: (s) => expect(s.peers).toEqual([]) }),
  'pool-list.single-node.txt': (f) => unknownCluster(shared({ peers: f })),
  // pool list adds the local node as "localhost" without a state; Fleetscope runs peer status instead.
  'pool-list.single-node.xml': (f) => ({ parse: 'ok', scenario: shared({ peers: f }), ...OK, check: (s) => expect(s.peers!.map((p) => [p.hostname, p.connected])).toEqual([['localhost', true]]) }),

  // Commands Fleetscope does not run: their output is never taken for `volume info`.
  'rebalance-status.bbartifacts.completed.txt': notXmlInfo,
  'rebalance-status.bbartifacts.completed.xml': otherXmlInfo,
  'rebalance-status.bbartifacts.never-run.txt': notXmlInfo,
  'rebalance-status.bbartifacts.never-run.xml': infoUnusable('op-failed', 'server-error'),
  'rebalance-status.bbartifacts.running-or-done.txt': notXmlInfo,
  'rebalance-status.bbartifacts.running-or-done.xml': otherXmlInfo,

  // --remote-host: only the read-only subset works.
  'remote-host.cli-error.heal-info-summary.xml': (f) => unknownVolume('op-failed', shared({ heal: { bbshared: f } })),
  'remote-host.cli-error.volume-get.txt': (f) => ({
    ...unknownVolume('not-xml', shared({ get: f })),
    check: (s) => expect(s.volumes[0]!.verdictReason).toMatch(/^Quorum settings unknown: .*volume get option failed/),
  }),
  'remote-host.cli-error.volume-set.empty-output-rc1.txt': infoUnusable('empty', 'malformed'),
  'remote-host.volume-status-detail.xml': (f) => ({
    ...unknownVolume('ok', shared({ detail: f })),
    check: (s) => expect(s.volumes[0]!.verdictReason).toMatch(/volume status detail did not list bbshared/),
  }),
  'remote-host.volume-status.txt': (f) => unknownVolume('not-xml', shared({ status: f })),

  'snapshot-list.none.txt': notXmlInfo,
  'snapshot-list.none.xml': infoUnusable('op-failed', 'server-error'),
  'version.txt': notXmlInfo,

  // volume get: global options (op-version, server-quorum-ratio) and the volume's own.
  'volume-get.all.all.txt': (f) => unknownCluster(shared({ global: f })),
  'volume-get.all.all.xml': (f) => ({ parse: 'ok', scenario: shared({ global: f }), ...OK, check: (s) => expect([s.opVersion, s.maxOpVersion]).toEqual([100000, 100000]) }),
  'volume-get.all.max-op-version.txt': (f) => unknownCluster(shared({ global: f })),
  'volume-get.all.max-op-version.xml': (f) => ({ parse: 'ok', scenario: shared({ global: f }), ...OK, check: (s) => expect([s.opVersion, s.maxOpVersion]).toEqual([null, 100000]) }),
  'volume-get.all.op-version.txt': (f) => unknownCluster(shared({ global: f })),
  'volume-get.all.op-version.xml': (f) => ({ parse: 'ok', scenario: shared({ global: f }), ...OK, check: (s) => expect([s.opVersion, s.maxOpVersion]).toEqual([100000, null]) }),
  'volume-get.bbshared.all.txt': (f) => unknownVolume('not-xml', shared({ get: f })),
  'volume-get.bbshared.all.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ get: f }),
    ...OK,
    check: (s) => {
      const v = s.volumes[0]!;
      expect(v.quorum).toMatchObject({ clientType: 'auto', clientTypeDefault: false, clientCount: null, serverType: 'off', server: 'not-applicable' });
      expect(v.options).toMatchObject({ selfHealDaemon: true, healTimeoutSeconds: 600, minFreeDiskPercent: 10, minFreeInodesPercent: 5, storageReservePercent: 1, favoriteChildPolicy: 'none' });
    },
  }),
  'volume-get.bbshared.cluster.quorum-count.txt': (f) => unknownVolume('not-xml', shared({ get: f })),
  'volume-get.bbshared.cluster.quorum-count.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ get: f }),
    ...OK,
    check: (s) => expect(s.volumes[0]!.quorum).toMatchObject({ clientType: 'auto', clientTypeDefault: true, clientCount: null }),
  }),
  'volume-get.bbshared.cluster.quorum-type.txt': (f) => unknownVolume('not-xml', shared({ get: f })),
  'volume-get.bbshared.cluster.quorum-type.xml': (f) => ({ parse: 'ok', scenario: shared({ get: f }), ...OK, check: (s) => expect(s.volumes[0]!.quorum.clientType).toBe('auto') }),
  'volume-get.bbshared.cluster.server-quorum-ratio.txt': (f) => unknownVolume('not-xml', shared({ get: f })),
  'volume-get.bbshared.cluster.server-quorum-ratio.xml': (f) => ({ parse: 'ok', scenario: shared({ get: f }), ...OK }),
  'volume-get.bbshared.cluster.server-quorum-type.txt': (f) => unknownVolume('not-xml', shared({ get: f })),
  'volume-get.bbshared.cluster.server-quorum-type.xml': (f) => ({ parse: 'ok', scenario: shared({ get: f }), ...OK, check: (s) => expect(s.volumes[0]!.quorum.serverType).toBe('off') }),

  // volume info: the layout everything else is read against.
  'volume-info.all.created-not-started.txt': notXmlInfo,
  'volume-info.all.created-not-started.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ info: f }),
    verdict: 'ok',
    findings: ['volume-not-started:info'],
    source: 'up',
    check: (s) => expect(s.volumes.map((v) => [v.name, v.state, v.status, v.verdict])).toEqual([
      ['bbarbiter', 'Created', 'down', 'ok'],
      ['bbartifacts', 'Created', 'down', 'ok'],
      ['bbscratch', 'Created', 'down', 'ok'],
      ['bbshared', 'Created', 'down', 'ok'],
    ]),
  }),
  'volume-info.all.final-mixed.txt': notXmlInfo,
  'volume-info.all.final-mixed.xml': (f) => ({
    parse: 'ok',
    scenario: sharedQuota({ info: f }),
    ...OK_VOLUME,
    source: 'unknown',
    check: (s) => {
      expect(s.volumes.map((v) => v.name)).toEqual(['bbarbiter', 'bbartifacts', 'bbfull', 'bbgeo', 'bbscratch', 'bbshared', 'bbsplit']);
      expect(s.volumes.find((v) => v.name === 'bbfull')!.findings.map((x) => `${x.rule}:${x.severity}`)).toEqual(['volume-not-started:info']);
      expect(s.volumes.find((v) => v.name === 'bbshared')!.quota!.map((q) => q.path)).toEqual(['/', '/repos']);
    },
  }),
  'volume-info.all.started.txt': notXmlInfo,
  'volume-info.all.started.xml': (f) => ({
    parse: 'ok',
    scenario: shared({
      info: f,
      status: 'volume-status.all.all-up.xml',
      detail: 'volume-status-detail.all.all-up.xml',
      heal: { bbshared: 'heal-info-summary.bbshared.all-up.xml', bbartifacts: 'heal-info-summary.bbartifacts.after-restart.xml', bbarbiter: 'heal-info-summary.bbarbiter.all-up.xml' },
    }),
    ...OK,
    check: (s) => {
      expect(s.volumes.map((v) => [v.name, v.verdict])).toEqual([
        ['bbarbiter', 'ok'],
        ['bbartifacts', 'ok'],
        ['bbscratch', 'ok'],
        ['bbshared', 'ok'],
      ]);
      expect(s.statusMessage).toBe('All 4 volume(s) healthy');
    },
  }),
  'volume-info.bbarbiter.replica3-arbiter1.txt': notXmlInfo,
  'volume-info.bbarbiter.replica3-arbiter1.xml': (f) => ({
    parse: 'ok',
    scenario: arbiter({ info: f }),
    ...OK,
    check: (s) => expect(s.volumes[0]!.bricks.map((b) => b.arbiter)).toEqual([false, false, true]),
  }),
  'volume-info.bbartifacts.distrep-2x3.txt': notXmlInfo,
  'volume-info.bbartifacts.distrep-2x3.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ info: f }),
    ...OK,
    check: (s) => expect(s.volumes[0]!.replicaSets.map((r) => r.bricks.map((b) => b.split('/').at(-1)))).toEqual([
      ['b1', 'b2', 'b3'],
      ['b4', 'b5', 'b6'],
    ]),
  }),
  'volume-info.bbfull.distribute-2.txt': notXmlInfo,
  'volume-info.bbfull.distribute-2.xml': (f) => ({ parse: 'ok', scenario: full({ info: f }), verdict: 'critical', findings: ['brick-capacity:critical', 'brick-inodes:critical'] }),
  'volume-info.bbfull.stopped.txt': notXmlInfo,
  // A volume listed in expectedVolumes that is stopped takes Bitbucket down with it.
  'volume-info.bbfull.stopped.xml': (f) => ({
    parse: 'ok',
    scenario: full({ info: f, expectedVolumes: ['bbfull'] }),
    verdict: 'critical',
    findings: ['volume-not-started:critical'],
    check: (s) => expect(s.volumes[0]).toMatchObject({ state: 'Stopped', status: 'down' }),
  }),
  'volume-info.bbscratch.distribute-created.txt': notXmlInfo,
  'volume-info.bbscratch.distribute-created.xml': (f) => ({ parse: 'ok', scenario: { volume: 'bbscratch', info: f }, verdict: 'ok', findings: ['volume-not-started:info'] }),
  'volume-info.bbshared.replica3.txt': notXmlInfo,
  'volume-info.bbshared.replica3.xml': (f) => ({ parse: 'ok', scenario: shared({ info: f }), ...OK }),
  'volume-info.bbsplit.replica2-quorum-none.txt': notXmlInfo,
  'volume-info.bbsplit.replica2-quorum-none.xml': (f) => ({ parse: 'ok', scenario: split({ info: f }), verdict: 'critical', findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'] }),
  'volume-list.txt': notXmlInfo,
  'volume-list.xml': otherXmlInfo,
  'volume-profile-info-cumulative.bbshared.txt': notXmlInfo,
  'volume-profile-info-cumulative.bbshared.xml': otherXmlInfo,
  'volume-profile-info.bbshared.txt': notXmlInfo,
  'volume-profile-info.bbshared.xml': otherXmlInfo,

  // Quota on bbshared: /repos over its soft limit.
  'volume-quota-list.bbshared.soft-limit-exceeded.txt': (f) => unknownVolume('not-xml', sharedQuota({ quota: f })),
  'volume-quota-list.bbshared.soft-limit-exceeded.xml': (f) => ({ parse: 'ok', scenario: sharedQuota({ quota: f }), verdict: 'degraded', findings: ['quota-soft:warning'] }),
  'volume-quota-list.bbshared.txt': (f) => unknownVolume('not-xml', sharedQuota({ quota: f })),
  'volume-quota-list.bbshared.xml': (f) => ({ parse: 'ok', scenario: sharedQuota({ quota: f }), ...OK_VOLUME }),

  // volume status variants in place of `volume status all`: same <volStatus>, other contents.
  'volume-status-clients.all.fuse-mounted.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  // Bricks with their clients, but no daemon nodes: the self-heal daemon cannot be seen.
  'volume-status-clients.all.fuse-mounted.xml': (f) => ({ parse: 'ok', scenario: shared({ status: f }), verdict: 'degraded', findings: ['self-heal-daemon:warning'] }),
  'volume-status-clients.bbshared.fuse-mounted.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status-clients.bbshared.fuse-mounted.xml': (f) => ({ parse: 'ok', scenario: shared({ status: f }), verdict: 'degraded', findings: ['self-heal-daemon:warning'] }),
  'volume-status-clients.bbshared.shd-only.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status-clients.bbshared.shd-only.xml': (f) => ({ parse: 'ok', scenario: shared({ status: f }), verdict: 'degraded', findings: ['self-heal-daemon:warning'] }),
  'volume-status-detail.all.all-up.txt': (f) => unknownVolume('not-xml', artifacts({ detail: f })),
  'volume-status-detail.all.all-up.xml': (f) => ({ parse: 'ok', scenario: artifacts({ detail: f }), ...OK }),
  // Capacity unknown, but the split-brain is known and critical.
  'volume-status-detail.all.final-mixed.txt': (f) => ({
    parse: 'not-xml',
    scenario: split({ detail: f }),
    verdict: 'critical',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'],
    check: (s) => expect(s.volumes[0]!.bricks.every((b) => b.usedPercent === null)).toBe(true),
  }),
  'volume-status-detail.all.final-mixed.xml': (f) => ({ parse: 'ok', scenario: split({ detail: f }), verdict: 'critical', findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'] }),
  'volume-status-detail.bbarbiter.all-up.txt': (f) => unknownVolume('not-xml', arbiter({ detail: f })),
  'volume-status-detail.bbarbiter.all-up.xml': (f) => ({ parse: 'ok', scenario: arbiter({ detail: f }), ...OK }),
  'volume-status-detail.bbfull.disk-full-and-inodes-low.txt': (f) => unknownVolume('not-xml', full({ status: f, detail: f })),
  'volume-status-detail.bbfull.disk-full-and-inodes-low.xml': (f) => ({
    parse: 'ok',
    scenario: full({ detail: f }),
    verdict: 'critical',
    findings: ['brick-capacity:critical', 'brick-inodes:critical'],
    check: (s) => {
      const [ext4, xfs] = s.volumes[0]!.bricks;
      expect(ext4).toMatchObject({ fsName: 'ext4', inodesTotal: 528, inodesFree: 17, inodesFreePercent: 3.2, usedPercent: 1.4 });
      expect(xfs).toMatchObject({ fsName: 'xfs', usedPercent: 99.9, inodesFreePercent: 22.3 });
    },
  }),
  'volume-status-detail.bbshared.all-up.txt': (f) => unknownVolume('not-xml', shared({ detail: f })),
  'volume-status-detail.bbshared.all-up.xml': (f) => ({ parse: 'ok', scenario: shared({ detail: f }), ...OK }),
  'volume-status-detail.bbshared.one-brick-down.txt': (f) => unknownVolume('not-xml', shared({ detail: f })),
  'volume-status-detail.bbshared.one-brick-down.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: 'volume-status.bbshared.one-brick-down.xml', detail: f }),
    verdict: 'degraded',
    findings: ['brick-down:warning'],
    // statvfs of the brick's filesystem is reported even while the brick process is down.
    check: (s) => expect(s.volumes[0]!.bricks[1]).toMatchObject({ status: 'down', pid: null, port: null, sizeTotal: 270553174016 }),
  }),
  'volume-status-mem.bbshared.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  // The mem form lists one brick node only: the other two are unknown, and no daemon shows.
  'volume-status-mem.bbshared.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: f }),
    verdict: 'degraded',
    findings: ['brick-unknown:warning', 'brick-unknown:warning', 'self-heal-daemon:warning'],
    check: (s) => expect(s.volumes[0]!.replicaSets[0]).toMatchObject({ up: 1, unknown: 2, quorum: 'unknown', status: 'unknown' }),
  }),
  'volume-status-shd.bbshared.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  // Only the daemon: no brick of bbshared in the answer, so each brick's state is unknown.
  'volume-status-shd.bbshared.xml': (f) => ({ parse: 'ok', scenario: shared({ status: f }), verdict: 'degraded', findings: ['brick-unknown:warning', 'brick-unknown:warning', 'brick-unknown:warning'] }),
  'volume-status-tasks.bbartifacts.rebalance.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status-tasks.bbartifacts.rebalance.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ status: f }),
    verdict: 'degraded',
    findings: [...Array<string>(6).fill('brick-unknown:warning'), 'self-heal-daemon:warning'],
    check: (s) => expect(s.volumes[0]!.tasks).toEqual([{ type: 'Rebalance', id: 'ee0ed92e-3ba0-422a-9031-8775a5d72d3e', statusStr: 'completed' }]),
  }),
  'volume-status-tasks.bbartifacts.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status-tasks.bbartifacts.xml': (f) => ({ parse: 'ok', scenario: artifacts({ status: f }), verdict: 'degraded', findings: [...Array<string>(6).fill('brick-unknown:warning'), 'self-heal-daemon:warning'] }),
  'volume-status.all.all-up.txt': (f) => unknownVolume('not-xml', arbiter({ status: f })),
  'volume-status.all.all-up.xml': (f) => ({ parse: 'ok', scenario: arbiter({ status: f }), ...OK }),
  'volume-status.bbarbiter.arbiter-brick-down.txt': (f) => unknownVolume('not-xml', arbiter({ status: f })),
  'volume-status.bbarbiter.arbiter-brick-down.xml': (f) => ({ parse: 'ok', scenario: arbiter({ status: f }), verdict: 'degraded', findings: ['brick-down:warning'] }),
  'volume-status.bbarbiter.data-and-arbiter-down.txt': (f) => unknownVolume('not-xml', arbiter({ status: f })),
  'volume-status.bbarbiter.data-and-arbiter-down.xml': (f) => ({ parse: 'ok', scenario: arbiter({ status: f }), verdict: 'critical', findings: ['brick-down:warning', 'brick-down:warning', 'client-quorum-lost:critical'] }),
  'volume-status.bbartifacts.all-up.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status.bbartifacts.all-up.xml': (f) => ({ parse: 'ok', scenario: artifacts({ status: f }), ...OK }),
  'volume-status.bbartifacts.bricks-restarted.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status.bbartifacts.bricks-restarted.xml': (f) => ({ parse: 'ok', scenario: artifacts({ status: f }), ...OK }),
  'volume-status.bbartifacts.one-brick-down.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status.bbartifacts.one-brick-down.xml': (f) => ({ parse: 'ok', scenario: artifacts({ status: f }), verdict: 'degraded', findings: ['brick-down:warning'] }),
  'volume-status.bbartifacts.two-bricks-down-same-replica-set.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status.bbartifacts.two-bricks-down-same-replica-set.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ status: f }),
    verdict: 'critical',
    findings: ['brick-down:warning', 'brick-down:warning', 'client-quorum-lost:critical'],
  }),
  'volume-status.bbfull.stopped.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  // Status of a stopped volume: rc 0 but opRet -1. The capacity read separately still tells.
  'volume-status.bbfull.stopped.xml': (f) => ({
    parse: 'op-failed',
    scenario: full({ status: f }),
    verdict: 'critical',
    findings: ['brick-capacity:critical', 'brick-inodes:critical'],
    check: (s) => expect(s.volumes[0]!.bricks.map((b) => b.status)).toEqual(['unknown', 'unknown']),
  }),
  'volume-status.bbshared.all-up-after-heal.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status.bbshared.all-up-after-heal.xml': (f) => ({ parse: 'ok', scenario: shared({ status: f }), ...OK }),
  'volume-status.bbshared.brick-down-shd-disabled.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status.bbshared.brick-down-shd-disabled.xml': (f) => ({ parse: 'ok', scenario: shared({ status: f }), verdict: 'degraded', findings: ['brick-down:warning', 'self-heal-daemon:warning'] }),
  'volume-status.bbshared.brick-restarted-shd-disabled.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status.bbshared.brick-restarted-shd-disabled.xml': (f) => ({ parse: 'ok', scenario: shared({ status: f }), verdict: 'degraded', findings: ['self-heal-daemon:warning'] }),
  'volume-status.bbshared.not-started.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status.bbshared.not-started.xml': (f) => ({
    ...unknownVolume('op-failed', shared({ status: f })),
    check: (s) => expect(s.volumes[0]!.verdictReason).toMatch(/Brick states unknown: .*Volume bbshared is not started/),
  }),
  'volume-status.bbshared.one-brick-down.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status.bbshared.one-brick-down.xml': (f) => ({ parse: 'ok', scenario: shared({ status: f }), verdict: 'degraded', findings: ['brick-down:warning'] }),
  'volume-status.bbshared.with-quotad.txt': (f) => unknownVolume('not-xml', sharedQuota({ status: f })),
  'volume-status.bbshared.with-quotad.xml': (f) => ({ parse: 'ok', scenario: sharedQuota({ status: f }), ...OK_VOLUME }),

  'volume-top-open.bbshared.txt': notXmlInfo,
  'volume-top-open.bbshared.xml': otherXmlInfo,
  'volume-top-read.bbshared.txt': notXmlInfo,
  'volume-top-read.bbshared.xml': otherXmlInfo,
  'volume-top-write.bbshared.txt': notXmlInfo,
  'volume-top-write.bbshared.xml': otherXmlInfo,
};

describe('every GlusterFS fixture', () => {
  const files = fixtureNames();

  it('has a hand-written expectation (a new capture must get one)', () => {
    expect(files.length).toBeGreaterThan(190);
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !files.includes(f))).toEqual([]);
  });

  it.each(files)('%s', async (file) => {
    const e = EXPECTED[file]!(file);
    expect(parseCliOutput(fixture(file)).kind).toBe(e.parse);
    const { source } = await runScenario(e.scenario);
    if (e.source !== undefined) expect(source.status).toBe(e.source);
    if (e.error !== undefined) expect(source.lastError?.code).toBe(e.error);
    if (e.cluster !== undefined) expect(findingKeys(source.findings)).toEqual([...e.cluster].sort());
    if (e.verdict !== undefined) {
      const v = source.volumes.find((x) => x.name === e.scenario.volume);
      expect(v, `volume ${e.scenario.volume} in the snapshot`).toBeDefined();
      expect(v!.verdict).toBe(e.verdict);
      expect(findingKeys(v!.findings)).toEqual([...(e.findings ?? [])].sort());
      if (e.verdict === 'unknown') expect(v!.verdictReason).not.toBe('');
    } else {
      expect(source.volumes).toEqual([]);
      expect(source.lastError?.message).toBeTruthy();
    }
    e.check?.(source);
  });
});

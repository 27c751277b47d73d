// Healthy baselines per volume layout, the shape of an expectation and the builders the two
// expectation tables share (see ../gluster-fixtures.test.ts).
import { expect } from 'vitest';
import type { ErrorCode, TargetStatus, VolumeVerdict } from '../../../../../shared/model';
import type { CliOutcome } from '../../../../../electron/engine/storage/gluster-xml';
import type { runScenario, Scenario } from '../gluster-scenario';

// Healthy baselines, one per volume layout; a fixture replaces one command's answer.
export const shared = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbshared',
  info: 'volume-info.bbshared.replica3.xml',
  status: 'volume-status.bbshared.all-up-after-heal.xml',
  detail: 'volume-status-detail.bbshared.all-up.xml',
  heal: { bbshared: 'heal-info-summary.bbshared.all-up.xml' },
  ...o,
});
/** bbshared with quota on (from the final capture) and quotad running. */
export const sharedQuota = (o: Partial<Scenario> = {}): Scenario =>
  shared({ info: 'volume-info.all.final-mixed.xml', status: 'volume-status.bbshared.with-quotad.xml', quota: 'volume-quota-list.bbshared.xml', ...o });
export const artifacts = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbartifacts',
  info: 'volume-info.bbartifacts.distrep-2x3.xml',
  status: 'volume-status.bbartifacts.all-up.xml',
  detail: 'volume-status-detail.all.all-up.xml',
  heal: { bbartifacts: 'heal-info-summary.bbartifacts.after-restart.xml' },
  ...o,
});
export const arbiter = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbarbiter',
  info: 'volume-info.bbarbiter.replica3-arbiter1.xml',
  status: 'volume-status.all.all-up.xml',
  detail: 'volume-status-detail.bbarbiter.all-up.xml',
  heal: { bbarbiter: 'heal-info-summary.bbarbiter.all-up.xml' },
  ...o,
});
/** Replica 2 with quorum none and self-heal off (the split-brain capture); status has no daemon nodes. */
export const split = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbsplit',
  info: 'volume-info.bbsplit.replica2-quorum-none.xml',
  status: 'volume-status-detail.all.final-mixed.xml',
  detail: 'volume-status-detail.all.final-mixed.xml',
  heal: { bbsplit: 'heal-info-summary.bbsplit.split-brain.xml' },
  splitBrain: { bbsplit: 'heal-info-split-brain.bbsplit.split-brain.xml' },
  ...o,
});
/** Distribute 2 on two tiny loop filesystems: ext4 out of inodes, xfs full. */
export const full = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbfull',
  info: 'volume-info.bbfull.distribute-2.xml',
  status: 'volume-status-detail.bbfull.disk-full-and-inodes-low.xml',
  detail: 'volume-status-detail.bbfull.disk-full-and-inodes-low.xml',
  ...o,
});

export interface Expect {
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

export const OK = { verdict: 'ok' as const, findings: [] as string[], source: 'up' as const };
/** The final capture lists seven volumes and only bbshared is answered for; the others stay unknown. */
export const OK_VOLUME = { verdict: 'ok' as const, findings: [] as string[] };
/** The answer to `volume info` is not usable: the poll fails and says why; no volume is invented. */
export const infoUnusable =
  (parse: CliOutcome['kind'], error: ErrorCode) =>
  (f: string): Expect => ({ parse, scenario: shared({ info: f }), source: 'unknown', error });
export const notXmlInfo = infoUnusable('not-xml', 'not-available');
export const otherXmlInfo = infoUnusable('ok', 'malformed');
/** A text (or failed) answer to one command leaves that part unknown: the volume is `unknown`, never ok. */
export const unknownVolume = (parse: CliOutcome['kind'], scenario: Scenario): Expect => ({ parse, scenario, verdict: 'unknown', findings: [] });
/**
 * `volume status all detail` unusable while the rest answers (issue 11 item 6): capacity is unknown,
 * the verdict follows what is known, and an info finding says which data is missing.
 */
export const capacityUnknown = (parse: CliOutcome['kind'], scenario: Scenario): Expect => ({
  parse,
  scenario,
  verdict: 'ok',
  findings: ['capacity-unknown:info'],
  check: (s) => {
    const v = s.volumes.find((x) => x.name === scenario.volume)!;
    expect(v.bricks.every((b) => b.usedPercent === null && b.inodesFreePercent === null)).toBe(true);
    expect(v.findings.find((f) => f.rule === 'capacity-unknown')).toMatchObject({ state: 'raised', title: expect.stringMatching(/^Capacity of \S+ unknown/) });
  },
});
/** A text answer to a cluster-wide command: the volumes are judged, the cluster is `unknown`. */
export const unknownCluster = (scenario: Scenario): Expect => ({ parse: 'not-xml', scenario, verdict: 'ok', findings: [], source: 'unknown' });
export const GLUSTERD_DOWN = (f: string): Expect => ({
  parse: 'glusterd-down',
  scenario: shared({ info: f }),
  source: 'down',
  error: 'refused',
  cluster: ['glusterd-unreachable:critical'],
});

export const geo = (f: string, verdict: VolumeVerdict, findings: string[], sessions: number): Expect => ({
  parse: 'ok',
  scenario: shared({ georep: f }),
  verdict,
  findings,
  source: verdict === 'ok' ? 'up' : 'degraded',
  check: (s) => expect(s.geoReplication).toHaveLength(sessions),
});

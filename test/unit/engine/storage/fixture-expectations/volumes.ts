// Expected verdicts and findings for the volume info and volume status captures.
import { expect } from 'vitest';
import {
  arbiter,
  artifacts,
  capacityUnknown,
  full,
  notXmlInfo,
  OK,
  OK_VOLUME,
  otherXmlInfo,
  shared,
  sharedQuota,
  split,
  unknownVolume,
  type Expect,
} from './baselines';

export const VOLUME_EXPECTED: Record<string, (file: string) => Expect> = {
  // volume info: the layout everything else is read against.
  'volume-info.all.created-not-started.txt': notXmlInfo,
  'volume-info.all.created-not-started.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ info: f }),
    verdict: 'ok',
    findings: ['volume-not-started:info'],
    source: 'up',
    check: (s) =>
      expect(s.volumes.map((v) => [v.name, v.state, v.status, v.verdict])).toEqual([
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
      heal: {
        bbshared: 'heal-info-summary.bbshared.all-up.xml',
        bbartifacts: 'heal-info-summary.bbartifacts.after-restart.xml',
        bbarbiter: 'heal-info-summary.bbarbiter.all-up.xml',
      },
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
    check: (s) =>
      expect(s.volumes[0]!.replicaSets.map((r) => r.bricks.map((b) => b.split('/').at(-1)))).toEqual([
        ['b1', 'b2', 'b3'],
        ['b4', 'b5', 'b6'],
      ]),
  }),
  'volume-info.bbfull.distribute-2.txt': notXmlInfo,
  'volume-info.bbfull.distribute-2.xml': (f) => ({
    parse: 'ok',
    scenario: full({ info: f }),
    verdict: 'critical',
    findings: ['brick-capacity:critical', 'brick-inodes:critical'],
  }),
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
  'volume-info.bbscratch.distribute-created.xml': (f) => ({
    parse: 'ok',
    scenario: { volume: 'bbscratch', info: f },
    verdict: 'ok',
    findings: ['volume-not-started:info'],
  }),
  'volume-info.bbshared.replica3.txt': notXmlInfo,
  'volume-info.bbshared.replica3.xml': (f) => ({ parse: 'ok', scenario: shared({ info: f }), ...OK }),
  'volume-info.bbsplit.replica2-quorum-none.txt': notXmlInfo,
  'volume-info.bbsplit.replica2-quorum-none.xml': (f) => ({
    parse: 'ok',
    scenario: split({ info: f }),
    verdict: 'critical',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'],
  }),
  'volume-list.txt': notXmlInfo,
  'volume-list.xml': otherXmlInfo,
  'volume-profile-info-cumulative.bbshared.txt': notXmlInfo,
  'volume-profile-info-cumulative.bbshared.xml': otherXmlInfo,
  'volume-profile-info.bbshared.txt': notXmlInfo,
  'volume-profile-info.bbshared.xml': otherXmlInfo,

  // Quota on bbshared: /repos over its soft limit.
  'volume-quota-list.bbshared.soft-limit-exceeded.txt': (f) => unknownVolume('not-xml', sharedQuota({ quota: f })),
  'volume-quota-list.bbshared.soft-limit-exceeded.xml': (f) => ({
    parse: 'ok',
    scenario: sharedQuota({ quota: f }),
    verdict: 'degraded',
    findings: ['quota-soft:warning'],
  }),
  'volume-quota-list.bbshared.txt': (f) => unknownVolume('not-xml', sharedQuota({ quota: f })),
  'volume-quota-list.bbshared.xml': (f) => ({ parse: 'ok', scenario: sharedQuota({ quota: f }), ...OK_VOLUME }),

  // volume status variants in place of `volume status all`: same <volStatus>, other contents.
  'volume-status-clients.all.fuse-mounted.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  // Bricks with their clients, but no daemon nodes: the self-heal daemon cannot be seen.
  'volume-status-clients.all.fuse-mounted.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: f }),
    verdict: 'degraded',
    findings: ['self-heal-daemon:warning'],
  }),
  'volume-status-clients.bbshared.fuse-mounted.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status-clients.bbshared.fuse-mounted.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: f }),
    verdict: 'degraded',
    findings: ['self-heal-daemon:warning'],
  }),
  'volume-status-clients.bbshared.shd-only.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status-clients.bbshared.shd-only.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: f }),
    verdict: 'degraded',
    findings: ['self-heal-daemon:warning'],
  }),
  'volume-status-detail.all.all-up.txt': (f) => capacityUnknown('not-xml', artifacts({ detail: f })),
  'volume-status-detail.all.all-up.xml': (f) => ({ parse: 'ok', scenario: artifacts({ detail: f }), ...OK }),
  // Capacity unknown, but the split-brain is known and critical.
  'volume-status-detail.all.final-mixed.txt': (f) => ({
    parse: 'not-xml',
    scenario: split({ detail: f }),
    verdict: 'critical',
    findings: ['capacity-unknown:info', 'heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'],
    check: (s) => expect(s.volumes[0]!.bricks.every((b) => b.usedPercent === null)).toBe(true),
  }),
  'volume-status-detail.all.final-mixed.xml': (f) => ({
    parse: 'ok',
    scenario: split({ detail: f }),
    verdict: 'critical',
    findings: ['heal-backlog:info', 'self-heal-daemon:warning', 'split-brain:critical'],
  }),
  'volume-status-detail.bbarbiter.all-up.txt': (f) => capacityUnknown('not-xml', arbiter({ detail: f })),
  'volume-status-detail.bbarbiter.all-up.xml': (f) => ({ parse: 'ok', scenario: arbiter({ detail: f }), ...OK }),
  // Brick states unknown as well: the verdict stays unknown; the capacity finding still says what is missing.
  'volume-status-detail.bbfull.disk-full-and-inodes-low.txt': (f) => ({
    ...unknownVolume('not-xml', full({ status: f, detail: f })),
    findings: ['capacity-unknown:info'],
  }),
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
  'volume-status-detail.bbshared.all-up.txt': (f) => capacityUnknown('not-xml', shared({ detail: f })),
  'volume-status-detail.bbshared.all-up.xml': (f) => ({ parse: 'ok', scenario: shared({ detail: f }), ...OK }),
  'volume-status-detail.bbshared.one-brick-down.txt': (f) => capacityUnknown('not-xml', shared({ detail: f })),
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
  'volume-status-shd.bbshared.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: f }),
    verdict: 'degraded',
    findings: ['brick-unknown:warning', 'brick-unknown:warning', 'brick-unknown:warning'],
  }),
  'volume-status-tasks.bbartifacts.rebalance.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status-tasks.bbartifacts.rebalance.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ status: f }),
    verdict: 'degraded',
    findings: [...Array<string>(6).fill('brick-unknown:warning'), 'self-heal-daemon:warning'],
    check: (s) => expect(s.volumes[0]!.tasks).toEqual([{ type: 'Rebalance', id: 'ee0ed92e-3ba0-422a-9031-8775a5d72d3e', statusStr: 'completed' }]),
  }),
  'volume-status-tasks.bbartifacts.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status-tasks.bbartifacts.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ status: f }),
    verdict: 'degraded',
    findings: [...Array<string>(6).fill('brick-unknown:warning'), 'self-heal-daemon:warning'],
  }),
  'volume-status.all.all-up.txt': (f) => unknownVolume('not-xml', arbiter({ status: f })),
  'volume-status.all.all-up.xml': (f) => ({ parse: 'ok', scenario: arbiter({ status: f }), ...OK }),
  'volume-status.bbarbiter.arbiter-brick-down.txt': (f) => unknownVolume('not-xml', arbiter({ status: f })),
  'volume-status.bbarbiter.arbiter-brick-down.xml': (f) => ({
    parse: 'ok',
    scenario: arbiter({ status: f }),
    verdict: 'degraded',
    findings: ['brick-down:warning'],
  }),
  'volume-status.bbarbiter.data-and-arbiter-down.txt': (f) => unknownVolume('not-xml', arbiter({ status: f })),
  'volume-status.bbarbiter.data-and-arbiter-down.xml': (f) => ({
    parse: 'ok',
    scenario: arbiter({ status: f }),
    verdict: 'critical',
    findings: ['brick-down:warning', 'brick-down:warning', 'client-quorum-lost:critical'],
  }),
  'volume-status.bbartifacts.all-up.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status.bbartifacts.all-up.xml': (f) => ({ parse: 'ok', scenario: artifacts({ status: f }), ...OK }),
  'volume-status.bbartifacts.bricks-restarted.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status.bbartifacts.bricks-restarted.xml': (f) => ({ parse: 'ok', scenario: artifacts({ status: f }), ...OK }),
  'volume-status.bbartifacts.one-brick-down.txt': (f) => unknownVolume('not-xml', artifacts({ status: f })),
  'volume-status.bbartifacts.one-brick-down.xml': (f) => ({
    parse: 'ok',
    scenario: artifacts({ status: f }),
    verdict: 'degraded',
    findings: ['brick-down:warning'],
  }),
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
  'volume-status.bbshared.brick-down-shd-disabled.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: f }),
    verdict: 'degraded',
    findings: ['brick-down:warning', 'self-heal-daemon:warning'],
  }),
  'volume-status.bbshared.brick-restarted-shd-disabled.txt': (f) => unknownVolume('not-xml', shared({ status: f })),
  'volume-status.bbshared.brick-restarted-shd-disabled.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ status: f }),
    verdict: 'degraded',
    findings: ['self-heal-daemon:warning'],
  }),
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

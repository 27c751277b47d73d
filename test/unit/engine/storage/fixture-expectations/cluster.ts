// Expected verdicts and findings for the peer, CLI-error, option and other cluster-wide captures.
import { expect } from 'vitest';
import { capacityUnknown, GLUSTERD_DOWN, infoUnusable, notXmlInfo, OK, otherXmlInfo, shared, unknownCluster, unknownVolume, type Expect } from './baselines';

export const CLUSTER_EXPECTED: Record<string, (file: string) => Expect> = {
  // glusterd down: plain text even under --xml, whatever the command.
  'cli-error.glusterd-down.peer-status.txt': GLUSTERD_DOWN,
  'cli-error.glusterd-down.peer-status.xml': GLUSTERD_DOWN,
  'cli-error.glusterd-down.volume-status.txt': GLUSTERD_DOWN,
  'cli-error.glusterd-down.volume-status.xml': GLUSTERD_DOWN,

  // get-state writes an INI-like file; never mistaken for `volume info`.
  'get-state-detail.single-node.txt': notXmlInfo,
  'get-state.single-node.txt': notXmlInfo,

  // Peers.
  'peer-status.single-node.txt': (f) => unknownCluster(shared({ peers: f })),
  'peer-status.single-node.xml': (f) => ({ parse: 'ok', scenario: shared({ peers: f }), ...OK, check: (s) => expect(s.peers).toEqual([]) }),
  'pool-list.single-node.txt': (f) => unknownCluster(shared({ peers: f })),
  // pool list adds the local node as "localhost" without a state; Fleetscope runs peer status instead.
  'pool-list.single-node.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ peers: f }),
    ...OK,
    check: (s) => expect(s.peers!.map((p) => [p.hostname, p.connected])).toEqual([['localhost', true]]),
  }),

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
    ...capacityUnknown('ok', shared({ detail: f })),
    check: (s) => expect(s.volumes[0]!.findings[0]!.detail).toMatch(/volume status detail did not list bbshared/),
  }),
  'remote-host.volume-status.txt': (f) => unknownVolume('not-xml', shared({ status: f })),

  'snapshot-list.none.txt': notXmlInfo,
  'snapshot-list.none.xml': infoUnusable('op-failed', 'server-error'),
  'version.txt': notXmlInfo,

  // volume get: global options (op-version, server-quorum-ratio) and the volume's own.
  'volume-get.all.all.txt': (f) => unknownCluster(shared({ global: f })),
  'volume-get.all.all.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ global: f }),
    ...OK,
    check: (s) => expect([s.opVersion, s.maxOpVersion]).toEqual([100000, 100000]),
  }),
  'volume-get.all.max-op-version.txt': (f) => unknownCluster(shared({ global: f })),
  'volume-get.all.max-op-version.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ global: f }),
    ...OK,
    check: (s) => expect([s.opVersion, s.maxOpVersion]).toEqual([null, 100000]),
  }),
  'volume-get.all.op-version.txt': (f) => unknownCluster(shared({ global: f })),
  'volume-get.all.op-version.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ global: f }),
    ...OK,
    check: (s) => expect([s.opVersion, s.maxOpVersion]).toEqual([100000, null]),
  }),
  'volume-get.bbshared.all.txt': (f) => unknownVolume('not-xml', shared({ get: f })),
  'volume-get.bbshared.all.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ get: f }),
    ...OK,
    check: (s) => {
      const v = s.volumes[0]!;
      expect(v.quorum).toMatchObject({ clientType: 'auto', clientTypeDefault: false, clientCount: null, serverType: 'off', server: 'not-applicable' });
      expect(v.options).toMatchObject({
        selfHealDaemon: true,
        healTimeoutSeconds: 600,
        minFreeDiskPercent: 10,
        minFreeInodesPercent: 5,
        storageReservePercent: 1,
        favoriteChildPolicy: 'none',
      });
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
  'volume-get.bbshared.cluster.quorum-type.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ get: f }),
    ...OK,
    check: (s) => expect(s.volumes[0]!.quorum.clientType).toBe('auto'),
  }),
  'volume-get.bbshared.cluster.server-quorum-ratio.txt': (f) => unknownVolume('not-xml', shared({ get: f })),
  'volume-get.bbshared.cluster.server-quorum-ratio.xml': (f) => ({ parse: 'ok', scenario: shared({ get: f }), ...OK }),
  'volume-get.bbshared.cluster.server-quorum-type.txt': (f) => unknownVolume('not-xml', shared({ get: f })),
  'volume-get.bbshared.cluster.server-quorum-type.xml': (f) => ({
    parse: 'ok',
    scenario: shared({ get: f }),
    ...OK,
    check: (s) => expect(s.volumes[0]!.quorum.serverType).toBe('off'),
  }),
};

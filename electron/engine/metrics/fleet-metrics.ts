import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MirrorRepoCounts, Snapshot, TargetStatus } from '../../../shared/model';
import { METRICS, POLL_DURATION_BUCKETS, PROCESS_METRICS_PREFIX, type MetricName } from './metric-catalog';
import { MonotonicCounter } from './monotonic-counter';
import { createRepositoryMetrics, type RepositoryFiguresSource } from './repository-metrics';

/** What the metrics read: the engine's snapshot and its updates. */
export interface MetricsSource {
  snapshot(): Snapshot | Promise<Snapshot>;
  onSnapshot(listener: (s: Snapshot) => void): () => void;
  /** HTTP requests sent to the fleet so far, when the engine counts them. */
  requestsMade?(): number;
  /** The per-repository tables, for the series a user opts into (`metrics.perRepository`). */
  repositories?: RepositoryFiguresSource;
}

export interface FleetMetrics {
  readonly contentType: string;
  /** The exposition text, with every gauge read from the snapshot of this moment. */
  render(): Promise<string>;
  stop(): void;
}

const STATUSES: readonly TargetStatus[] = ['up', 'degraded', 'down', 'unknown'];
const SYNC_STATES: ReadonlyArray<[keyof MirrorRepoCounts, string]> = [
  ['inSync', 'in_sync'],
  ['syncing', 'syncing'],
  ['lagging', 'lagging'],
  ['failing', 'failing'],
  ['notMirrored', 'not_mirrored'],
  ['unknown', 'unknown'],
];
const QUORUM_RANK = { lost: 3, unknown: 2, met: 1, 'not-applicable': 0 } as const;
type Quorum = keyof typeof QUORUM_RANK;

type Labels = Record<string, string>;

/**
 * The fleet in Prometheus' exposition format. Gauges are read from the snapshot at scrape time,
 * so a scrape always shows the engine's current view; counters and the poll histogram follow
 * the snapshot events, so they count every poll even between scrapes.
 */
export function createFleetMetrics(source: MetricsSource, opts: { processMetrics?: boolean; warn?: (message: string) => void } = {}): FleetMetrics {
  const registry = new Registry();
  const perRepository = source.repositories ? createRepositoryMetrics(source.repositories, opts.warn) : null;
  const gauges = new Map<string, Gauge>();
  const counters = new Map<string, Counter>();
  let histogram: Histogram | null = null;
  // The per-repository series are the opt-in's own registry; these never carry a repository.
  for (const def of METRICS.filter((d) => d.area !== 'repositories')) {
    const common = { name: def.name, help: def.help, labelNames: [...def.labels], registers: [registry] };
    if (def.type === 'gauge') gauges.set(def.name, new Gauge(common));
    else if (def.type === 'counter') counters.set(def.name, new Counter(common));
    else histogram = new Histogram({ ...common, buckets: POLL_DURATION_BUCKETS });
  }
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: PROCESS_METRICS_PREFIX });

  const gauge = (name: MetricName): Gauge => gauges.get(name)!;
  const set = (name: MetricName, labels: Labels, value: number | null | undefined): void => {
    if (value === null || value === undefined || !Number.isFinite(value)) return;
    gauge(name).set(labels, value);
  };
  const oneHot = (name: MetricName, labels: Labels, key: string, values: readonly string[], current: string): void => {
    for (const v of values) gauge(name).set({ ...labels, [key]: v }, v === current ? 1 : 0);
  };
  const bool = (b: boolean | null | undefined): number | null => (b === null || b === undefined ? null : b ? 1 : 0);

  const fillGauges = (s: Snapshot): void => {
    for (const g of gauges.values()) g.reset();
    const targets = [
      ...s.primaries.map((p) => ({ kind: 'primary', t: p, version: p.version })),
      ...s.mirrorFarms.map((f) => ({ kind: 'mirror_farm', t: f, version: f.version })),
      ...s.storage.map((x) => ({ kind: 'storage', t: x, version: x.opVersion === null ? null : String(x.opVersion) })),
    ];
    for (const { kind, t, version } of targets) {
      const l = { kind, target: t.id };
      set('fleetscope_target_up', l, t.status === 'up' || t.status === 'degraded' ? 1 : 0);
      oneHot('fleetscope_target_status', l, 'status', STATUSES, t.status);
      if (t.lastSuccessAt !== null) set('fleetscope_target_last_success_timestamp_seconds', l, t.lastSuccessAt / 1000);
      set('fleetscope_target_stale', l, t.stale ? 1 : 0);
      set('fleetscope_target_info', { ...l, name: t.name, version: version ?? '' }, 1);
    }
    for (const p of s.primaries) {
      const l = { primary: p.id };
      for (const n of p.nodes) oneHot('fleetscope_primary_node_status', { ...l, node: n.name }, 'status', STATUSES, n.status);
      const r = p.repositories;
      if (r) {
        set('fleetscope_primary_repositories', { ...l, state: 'available' }, r.available);
        set('fleetscope_primary_repositories', { ...l, state: 'initialising' }, r.initialising);
        set('fleetscope_primary_repositories', { ...l, state: 'initialisation_failed' }, r.initialisationFailed);
        set('fleetscope_primary_repositories', { ...l, state: 'offline' }, r.offline);
        set('fleetscope_primary_archived_repositories', l, r.archived);
        set('fleetscope_primary_projects', l, r.projects);
      }
      set('fleetscope_primary_pending_mirror_requests', l, p.pendingMirrorRequests.length);
      const c = p.cache;
      if (!c) continue;
      set('fleetscope_scm_cache_size_bytes', l, c.totals.size);
      set('fleetscope_scm_cache_disk_free_bytes', l, c.disk.freeBytes);
      set('fleetscope_scm_cache_disk_minimum_free_bytes', l, c.disk.minimumFreeBytes);
      set('fleetscope_scm_cache_active', l, bool(c.active));
      set('fleetscope_scm_cache_disk_guard_tripped', l, bool(c.diskGuardTripped));
      for (const [kind, setting] of [
        ['refs', c.config.refs],
        ['upload-pack', c.config.uploadPack],
      ] as const) {
        set('fleetscope_scm_cache_enabled', { ...l, cache_kind: kind }, bool(setting.enabled));
        set('fleetscope_scm_cache_ttl_seconds', { ...l, cache_kind: kind }, setting.ttlSeconds);
      }
      set('fleetscope_scm_cache_protocol_enabled', { ...l, protocol: 'http' }, bool(c.config.protocols.http));
      set('fleetscope_scm_cache_protocol_enabled', { ...l, protocol: 'ssh' }, bool(c.config.protocols.ssh));
    }
    for (const f of s.mirrorFarms) {
      for (const [key, state] of SYNC_STATES) set('fleetscope_mirror_farm_repositories', { primary: f.primaryId, farm: f.id, state }, f.repos[key]);
      for (const n of f.nodes) {
        oneHot('fleetscope_mirror_node_status', { farm: f.id, node: n.name }, 'status', STATUSES, n.status);
        if (n.repos) for (const [key, state] of SYNC_STATES) set('fleetscope_mirror_node_repositories', { farm: f.id, node: n.name, state }, n.repos[key]);
      }
      set('fleetscope_mirror_farm_lag_seconds', { farm: f.id }, f.lagSeconds);
      set('fleetscope_mirror_farm_queue_length', { farm: f.id }, f.queue.count);
      set('fleetscope_mirror_farm_queue_growing', { farm: f.id }, f.queue.growing ? 1 : 0);
    }
    for (const src of s.storage) {
      for (const v of src.volumes) {
        const l = { source: src.id, volume: v.name };
        oneHot('fleetscope_gluster_volume_status', l, 'status', STATUSES, v.status);
        oneHot('fleetscope_gluster_volume_verdict', l, 'verdict', ['ok', 'degraded', 'critical', 'unknown'], v.verdict);
        const bricks = { up: 0, down: 0, unknown: 0 };
        for (const b of v.bricks) bricks[b.status === 'up' ? 'up' : b.status === 'down' ? 'down' : 'unknown'] += 1;
        for (const [state, n] of Object.entries(bricks)) set('fleetscope_gluster_bricks', { ...l, state }, n);
        if (v.heal.applicable) {
          set('fleetscope_gluster_heal_pending_entries', l, v.heal.pending);
          set('fleetscope_gluster_split_brain_entries', l, v.heal.splitBrain);
        }
        const client = v.replicaSets.reduce<Quorum>((w, r) => (QUORUM_RANK[r.quorum] > QUORUM_RANK[w] ? r.quorum : w), 'not-applicable');
        const quorumStates = ['met', 'lost', 'unknown', 'not_applicable'];
        oneHot('fleetscope_gluster_quorum', { ...l, quorum: 'client' }, 'state', quorumStates, client.replace('-', '_'));
        oneHot('fleetscope_gluster_quorum', { ...l, quorum: 'server' }, 'state', quorumStates, v.quorum.server.replace('-', '_'));
      }
      if (src.peers) {
        const connected = src.peers.filter((p) => p.connected).length;
        set('fleetscope_gluster_peers', { source: src.id, state: 'connected' }, connected);
        set('fleetscope_gluster_peers', { source: src.id, state: 'disconnected' }, src.peers.length - connected);
      }
    }
    const bySeverity = { info: 0, warning: 0, critical: 0 };
    for (const a of s.alerts) bySeverity[a.severity] += 1;
    for (const [severity, n] of Object.entries(bySeverity)) set('fleetscope_findings', { severity }, n);
  };

  // Counters: Fleetscope's own, fed from every snapshot, so Bitbucket's resets never show as drops.
  const monotonic = new Map<string, MonotonicCounter>();
  const feed = (metric: MetricName, labels: Labels, raw: number | null | undefined): void => {
    if (raw === null || raw === undefined || !Number.isFinite(raw)) return;
    const key = `${metric} ${JSON.stringify(labels)}`;
    let m = monotonic.get(key);
    if (!m) monotonic.set(key, (m = new MonotonicCounter()));
    counters.get(metric)!.inc(labels, m.observe(raw));
  };
  const lastPoll = new Map<string, number>();
  const onSnapshot = (s: Snapshot): void => {
    for (const p of s.primaries) {
      const c = p.cache;
      if (!c) continue;
      feed('fleetscope_scm_cache_hits_total', { primary: p.id }, c.totals.hits);
      feed('fleetscope_scm_cache_misses_total', { primary: p.id }, c.totals.misses);
      for (const [kind, counts] of [
        ['refs', c.byKind.refs],
        ['upload-pack', c.byKind.uploadPack],
      ] as const) {
        feed('fleetscope_scm_cache_kind_hits_total', { primary: p.id, cache_kind: kind }, counts?.hits);
        feed('fleetscope_scm_cache_kind_misses_total', { primary: p.id, cache_kind: kind }, counts?.misses);
      }
    }
    const polled = [
      ...s.primaries.map((t) => ['primary', t] as const),
      ...s.mirrorFarms.map((t) => ['mirror_farm', t] as const),
      ...s.storage.map((t) => ['storage', t] as const),
    ];
    for (const [kind, t] of polled) {
      const key = `${kind} ${t.id}`;
      if (t.lastPollAt === null || lastPoll.get(key) === t.lastPollAt) continue;
      lastPoll.set(key, t.lastPollAt);
      counters.get('fleetscope_polls_total')!.inc({ kind, target: t.id });
      if (t.pollDurationMs !== null) histogram!.observe({ kind }, t.pollDurationMs / 1000);
    }
  };
  const off = source.onSnapshot(onSnapshot);
  void Promise.resolve(source.snapshot()).then(onSnapshot);
  const requests = new MonotonicCounter();

  return {
    contentType: registry.contentType,
    render: async () => {
      const snapshot = await source.snapshot();
      fillGauges(snapshot);
      const made = source.requestsMade?.();
      if (made !== undefined) counters.get('fleetscope_fleet_requests_total')!.inc(requests.observe(made));
      return (await registry.metrics()) + ((await perRepository?.render(snapshot)) ?? '');
    },
    stop: () => {
      off();
      registry.clear();
      perRepository?.stop();
    },
  };
}

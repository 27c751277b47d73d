/**
 * Every metric `/metrics` exposes, in one list: the registry is built from it and docs/metrics.md
 * is generated from it (scripts/gen-metrics-doc.ts), so the two cannot drift. Names follow
 * Prometheus' conventions: the `fleetscope_` prefix, base units (seconds, bytes), `_total` only
 * on counters, and bounded labels — by default no label carries a repository, so the series count
 * grows with primaries, nodes, farms and volumes, never with repositories. The `repositories` area
 * is the exception a user opts into (`metrics.perRepository` in the fleet config), bounded by its limit.
 */
export type MetricType = 'gauge' | 'counter' | 'histogram';

export interface MetricDef {
  name: string;
  type: MetricType;
  help: string;
  labels: readonly string[];
  /** Which part of the fleet it describes, for the docs' sections. */
  area: 'targets' | 'primaries' | 'caches' | 'mirrors' | 'storage' | 'fleetscope' | 'repositories';
}

const m = (area: MetricDef['area'], type: MetricType, name: string, labels: readonly string[], help: string): MetricDef => ({ area, type, name, labels, help });

export const METRICS = [
  m(
    'targets',
    'gauge',
    'fleetscope_target_up',
    ['kind', 'target'],
    'Whether the target answered its last poll: 1 when its status is up or degraded, 0 when down or unknown.',
  ),
  m(
    'targets',
    'gauge',
    'fleetscope_target_status',
    ['kind', 'target', 'status'],
    'The target status, one series per status (up, degraded, down, unknown), 1 for the current one.',
  ),
  m(
    'targets',
    'gauge',
    'fleetscope_target_last_success_timestamp_seconds',
    ['kind', 'target'],
    'When the last fully successful poll of the target ended (Unix time in seconds).',
  ),
  m('targets', 'gauge', 'fleetscope_target_stale', ['kind', 'target'], '1 when the figures shown are older than two poll intervals.'),
  m(
    'targets',
    'gauge',
    'fleetscope_target_info',
    ['kind', 'target', 'name', 'version'],
    'Always 1; carries the display name and version of each target for dashboards.',
  ),
  m(
    'primaries',
    'gauge',
    'fleetscope_primary_node_status',
    ['primary', 'node', 'status'],
    'Each cluster node of a primary, one series per status (up, degraded, down, unknown), 1 for the current one.',
  ),
  m(
    'primaries',
    'gauge',
    'fleetscope_primary_repositories',
    ['primary', 'state'],
    'Repositories of a primary by state (available, initialising, initialisation_failed, offline), from the paged inventory.',
  ),
  m('primaries', 'gauge', 'fleetscope_primary_archived_repositories', ['primary'], 'Archived repositories of a primary.'),
  m('primaries', 'gauge', 'fleetscope_primary_projects', ['primary'], 'Projects of a primary.'),
  m('primaries', 'gauge', 'fleetscope_primary_pending_mirror_requests', ['primary'], 'Mirrors waiting for an admin to authorize them on this primary.'),
  m(
    'caches',
    'counter',
    'fleetscope_scm_cache_hits_total',
    ['primary'],
    "Requests the SCM cache served from disk. Fleetscope's own counter: it adds Bitbucket's increments and survives Bitbucket's counter resets (a restart counts from zero).",
  ),
  m('caches', 'counter', 'fleetscope_scm_cache_misses_total', ['primary'], 'Requests the SCM cache could not serve (counted like the hits).'),
  m(
    'caches',
    'counter',
    'fleetscope_scm_cache_kind_hits_total',
    ['primary', 'cache_kind'],
    'Hits per cache kind (refs, upload-pack), where the statistics break them down (Bitbucket before 7.4).',
  ),
  m('caches', 'counter', 'fleetscope_scm_cache_kind_misses_total', ['primary', 'cache_kind'], 'Misses per cache kind, where the statistics break them down.'),
  m('caches', 'gauge', 'fleetscope_scm_cache_size_bytes', ['primary'], 'Bytes the SCM cache holds on disk.'),
  m('caches', 'gauge', 'fleetscope_scm_cache_disk_free_bytes', ['primary'], 'Free disk where the SCM cache lives.'),
  m('caches', 'gauge', 'fleetscope_scm_cache_disk_minimum_free_bytes', ['primary'], 'Free disk below which the SCM cache switches itself off.'),
  m('caches', 'gauge', 'fleetscope_scm_cache_active', ['primary'], '1 when the plugin reports caching on; 0 when off (by an admin or the disk guard).'),
  m('caches', 'gauge', 'fleetscope_scm_cache_disk_guard_tripped', ['primary'], '1 when caching switched itself off for lack of free disk.'),
  m('caches', 'gauge', 'fleetscope_scm_cache_enabled', ['primary', 'cache_kind'], 'Whether each cache kind (refs, upload-pack) is switched on: 1 on, 0 off.'),
  m(
    'caches',
    'gauge',
    'fleetscope_scm_cache_protocol_enabled',
    ['primary', 'protocol'],
    'Whether requests over each hosting protocol (http, ssh) are cached: 1 yes, 0 no.',
  ),
  m('caches', 'gauge', 'fleetscope_scm_cache_ttl_seconds', ['primary', 'cache_kind'], 'Time to live of each cache kind.'),
  m(
    'mirrors',
    'gauge',
    'fleetscope_mirror_farm_repositories',
    ['primary', 'farm', 'state'],
    'Repositories of a mirror farm per sync state (in_sync, syncing, lagging, failing, not_mirrored, unknown), each counted once in its worst state across the nodes.',
  ),
  m('mirrors', 'gauge', 'fleetscope_mirror_node_repositories', ['farm', 'node', 'state'], 'Repositories per sync state on one mirror node.'),
  m(
    'mirrors',
    'gauge',
    'fleetscope_mirror_node_status',
    ['farm', 'node', 'status'],
    'Each mirror node, one series per status (up, degraded, down, unknown), 1 for the current one.',
  ),
  m('mirrors', 'gauge', 'fleetscope_mirror_farm_lag_seconds', ['farm'], 'Age of the oldest change the farm has not applied yet; 0 when nothing is pending.'),
  m('mirrors', 'gauge', 'fleetscope_mirror_farm_queue_length', ['farm'], "Ref changes waiting in the farm's queue."),
  m('mirrors', 'gauge', 'fleetscope_mirror_farm_queue_growing', ['farm'], '1 when the queue grew over the last polls: the farm is falling behind.'),
  m(
    'storage',
    'gauge',
    'fleetscope_gluster_volume_status',
    ['source', 'volume', 'status'],
    'Availability of a GlusterFS volume, one series per status (up, degraded, down, unknown), 1 for the current one.',
  ),
  m(
    'storage',
    'gauge',
    'fleetscope_gluster_volume_verdict',
    ['source', 'volume', 'verdict'],
    "A volume's health verdict (ok, degraded, critical, unknown), 1 for the current one.",
  ),
  m('storage', 'gauge', 'fleetscope_gluster_bricks', ['source', 'volume', 'state'], 'Bricks of a volume by state (up, down, unknown).'),
  m('storage', 'gauge', 'fleetscope_gluster_heal_pending_entries', ['source', 'volume'], 'Files waiting for self-heal (per replica set, summed over sets).'),
  m('storage', 'gauge', 'fleetscope_gluster_split_brain_entries', ['source', 'volume'], 'Files in split-brain: they need a person.'),
  m(
    'storage',
    'gauge',
    'fleetscope_gluster_quorum',
    ['source', 'volume', 'quorum', 'state'],
    'Client quorum (worst replica set) and server quorum of a volume, one series per state (met, lost, unknown, not_applicable), 1 for the current one.',
  ),
  m('storage', 'gauge', 'fleetscope_gluster_peers', ['source', 'state'], 'Peers of the trusted pool by state (connected, disconnected).'),
  m('fleetscope', 'gauge', 'fleetscope_findings', ['severity'], 'Open alerts and findings by severity (info, warning, critical), the ones the UI shows.'),
  m('fleetscope', 'histogram', 'fleetscope_poll_duration_seconds', ['kind'], 'How long each poll of a target took.'),
  m('fleetscope', 'counter', 'fleetscope_polls_total', ['kind', 'target'], 'Polls of each target that ended (successful or not).'),
  m(
    'fleetscope',
    'counter',
    'fleetscope_fleet_requests_total',
    [],
    'HTTP requests Fleetscope sent to the fleet; divided by fleetscope_polls_total it gives requests per poll (recording rule fleetscope:fleet_requests_per_poll:rate5m).',
  ),
  m(
    'repositories',
    'counter',
    'fleetscope_scm_cache_repository_hits_total',
    ['primary', 'project', 'repository'],
    "Requests one repository's SCM cache served (counted like fleetscope_scm_cache_hits_total). Opt-in: only with metrics.perRepository, for at most its limit of repositories.",
  ),
  m(
    'repositories',
    'counter',
    'fleetscope_scm_cache_repository_misses_total',
    ['primary', 'project', 'repository'],
    "Requests one repository's SCM cache could not serve. Opt-in, like the hits.",
  ),
  m(
    'repositories',
    'gauge',
    'fleetscope_mirror_repository_state',
    ['farm', 'project', 'repository', 'state'],
    'Sync state of one repository on a mirror farm (worst across its nodes): one series, valued 1, labelled with the current state. Opt-in, like the hits.',
  ),
  m(
    'repositories',
    'gauge',
    'fleetscope_metrics_repositories_dropped',
    [],
    'Repositories metrics.perRepository selects beyond its limit: they get no series (a warning is logged when this becomes non-zero). Only with the opt-in.',
  ),
] as const satisfies readonly MetricDef[];

export type MetricName = (typeof METRICS)[number]['name'];

/** Buckets of the poll-duration histogram, in seconds: a poll far beyond 30 s is already down. */
export const POLL_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Prefix of the Node process metrics prom-client adds (CPU, memory, event-loop lag, handles). */
export const PROCESS_METRICS_PREFIX = 'fleetscope_';

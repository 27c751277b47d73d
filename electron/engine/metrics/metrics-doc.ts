import { Registry, collectDefaultMetrics } from 'prom-client';
import { RATE_WINDOW_MIN_SECONDS } from '../history/prometheus-series';
import { PER_REPOSITORY_DEFAULT_LIMIT, PER_REPOSITORY_MAX_LIMIT } from '../config/fleet-config-schema';
import { METRICS, POLL_DURATION_BUCKETS, PROCESS_METRICS_PREFIX, type MetricDef } from './metric-catalog';

const AREA_TITLES: Record<MetricDef['area'], string> = {
  targets: 'Every target (primaries, mirror farms, GlusterFS sources)',
  primaries: 'Primaries',
  caches: 'SCM caches',
  mirrors: 'Mirror farms',
  storage: 'GlusterFS storage',
  fleetscope: 'Findings and polling',
  repositories: 'Per repository (opt-in: `metrics.perRepository`)',
};

const LABELS: Record<string, string> = {
  kind: '`primary`, `mirror_farm` or `storage`',
  target: 'the target id (a primary id, a mirror id, a storage id from the config)',
  primary: 'a primary id from the config',
  node: 'a cluster or mirror node name',
  farm: "a mirror's id (`mirrorFarms[].id` of the snapshot)",
  source: 'a storage id from the config',
  volume: 'a GlusterFS volume name',
  cache_kind: '`refs` or `upload-pack`',
  protocol: '`http` or `ssh`',
  state: 'the state named in the description',
  status: '`up`, `degraded`, `down` or `unknown`',
  verdict: '`ok`, `degraded`, `critical` or `unknown`',
  quorum: '`client` or `server`',
  severity: '`info`, `warning` or `critical`',
  name: 'the display name',
  version: 'the version the target reports (GlusterFS: the cluster op-version)',
  project: 'a project key (opt-in series only)',
  repository: 'a repository slug (opt-in series only)',
};

/** The process metrics prom-client adds, read from a registry of their own. */
async function processMetrics(): Promise<Array<{ name: string; type: string; help: string }>> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PROCESS_METRICS_PREFIX });
  const all = await registry.getMetricsAsJSON();
  registry.clear();
  return all.map((m) => ({ name: m.name, type: String(m.type), help: m.help })).sort((a, b) => a.name.localeCompare(b.name));
}

/** docs/metrics.md, generated from the metric catalog (`node --import tsx scripts/gen-metrics-doc.ts`). */
export async function renderMetricsDoc(): Promise<string> {
  const out: string[] = [
    '# Metrics of `fleetscope serve`',
    '',
    '<!-- Generated from electron/engine/metrics/metric-catalog.ts by `node --import tsx scripts/gen-metrics-doc.ts`; a test fails when this file and the code disagree. -->',
    '',
    '`GET /metrics` on `fleetscope serve` answers in the Prometheus exposition format. It takes the same',
    '`Authorization: Bearer TOKEN` as the API (a viewer token is enough; Prometheus sends it with the',
    "scrape job's `authorization: { credentials: TOKEN }`), or, with `--metrics-port N`, it is also served",
    'without a token on `127.0.0.1:N` only, for a Prometheus or an agent on the same machine.',
    '',
    'Gauges are read from the engine at scrape time; counters and the poll histogram follow every poll.',
    "The SCM cache counters are Fleetscope's own: they add up what Bitbucket reports between polls and",
    "treat a drop (Bitbucket's counters start again from zero when a node restarts) as a reset, so `rate()`",
    'and `increase()` stay right across Bitbucket restarts.',
    '',
    '**Cardinality.** By default no series carries a repository: the number of series grows with primaries,',
    'nodes, mirror farms, volumes and bricks, and stays the same whether a primary has 300 repositories or',
    '50,000 (`npm run bench -- metrics-scrape` measures it). Per-repository figures stay in Fleetscope itself',
    '(`getCacheRepositories`, `getMirrorRepos` over the API, and the Caches, Mirrors and repository views).',
    '',
    '**Per-repository series, opted into.** A team that wants some repositories in Prometheus names them in',
    'the fleet config of the collector:',
    '',
    '```yaml',
    'metrics:',
    '  perRepository:',
    '    projects: [PLAT, OPS]   # project keys, on any primary; leave out for every project',
    `    limit: ${PER_REPOSITORY_DEFAULT_LIMIT}              # at most this many repositories in all (default ${PER_REPOSITORY_DEFAULT_LIMIT}, at most ${PER_REPOSITORY_MAX_LIMIT.toLocaleString('en-US')})`,
    '```',
    '',
    'Each selected repository gets its SCM cache hits and misses (counters, per primary) and its sync state on',
    "each mirror farm of its primary: the metrics of the last section below. They are read from the caches'",
    "and farms' tables at scrape time (repositories the cache statistics or a farm list). The repositories",
    'of the named projects are sorted by primary, project and slug, and the first `limit` are exported, so the',
    'same ones keep their series from one scrape to the next; past the limit the others get none, are counted',
    'in `fleetscope_metrics_repositories_dropped`, and the collector logs a warning when dropping starts. The',
    'opt-in adds at most `limit × (2 + F) + 1` series, F being the most mirror farms of one primary, however',
    'many repositories the fleet has. Each scrape reads it from the config in force, and reads the whole',
    'tables; which repositories match is worked out again only when a table lists other repositories (or',
    'another order) than at the last scrape, or the projects asked for change: figures change at every',
    'poll, the repositories themselves seldom. At 10 primaries × 20,000 repositories with two farms each',
    '(`npm run bench -- metrics-scrape`, 7 December 2026): the first scrape with the opt-in 150–200 ms of',
    "the collector's CPU (every row matched), a scrape after a poll of every target 100–150 ms (the tables",
    "read again, a farm's keys compared when its sweep made a new list), one right after another 50–90 ms,",
    'against ≈ 5 ms without the opt-in; before this change 219, 196 and 188 ms.',
    '',
    'Shipped with them, in `deploy/`: alerting rules (`prometheus/fleetscope-alerts.yml`), recording rules',
    'for the hit ratio over 5 m and 1 h (`prometheus/fleetscope-recording.yml`), their unit tests',
    '(`prometheus/tests/`, run by `promtool test rules`), a Prometheus configuration',
    '(`prometheus/prometheus.yml`) and a Grafana dashboard (`grafana/fleetscope-dashboard.json`).',
    '',
    '**Charts from Prometheus.** With `prometheus: { url, token, caFile }` in the fleet config, the part of',
    "every chart's range older than Fleetscope's own history (pruned by `history.retentionDays`, or from before",
    "this Fleetscope started) is read from Prometheus' `/api/v1/query_range` and merged with the local",
    'points, in every area (electron/engine/history/prometheus-series.ts maps them):',
    '',
    '| Chart (request) | Series | PromQL |',
    '| --- | --- | --- |',
    '| Overview (`getHistory`) | nodes up, nodes | `sum(…)` and `count(…)` of `fleetscope_primary_node_status{primary, status="up"}` |',
    '| Overview (`getHistory`) | repositories | `sum(fleetscope_primary_repositories{primary})` |',
    '| Overview (`getHistory`) | status | `fleetscope_target_status{target}`, each status times its rank |',
    '| Caches (`getCacheHistory`) | hit ratio, all | `sum(increase(fleetscope_scm_cache_hits_total{primary}[W]))` over the same plus the misses |',
    '| Caches (`getCacheHistory`) | clone, ref advertisement | the same of `fleetscope_scm_cache_kind_{hits,misses}_total{cache_kind="upload-pack"` or `"refs"}` |',
    '| Mirrors (`getMirrorHistory`) | lag, queue | `max(fleetscope_mirror_farm_lag_seconds{farm})`, `max(fleetscope_mirror_farm_queue_length{farm})` |',
    '| Mirrors (`getMirrorHistory`) | repositories by state | `max(fleetscope_mirror_farm_repositories{farm, state})` |',
    '| Mirrors (`getMirrorHistory`) | nodes up | `sum(fleetscope_mirror_node_status{farm, status="up"})` |',
    '| Storage (`getStorageHistory`) | heal backlog, split-brain | `max(fleetscope_gluster_heal_pending_entries{source, volume})`, `max(fleetscope_gluster_split_brain_entries{…})` |',
    '| Storage (`getStorageHistory`) | bricks up | `max(fleetscope_gluster_bricks{source, volume, state="up"})` |',
    '| Repository page (`getRepositoryHistory`) | hits, misses per minute | `sum(rate(fleetscope_scm_cache_repository_{hits,misses}_total{primary, project, repository}[W])) * 60`, when the collector exports that repository (above) |',
    '',
    `W, the window of a counter, is the query's step, at least ${RATE_WINDOW_MIN_SECONDS} s (two samples at any usual scrape`,
    'interval), so an older point is the figure over that window rather than over one poll. The poll',
    "duration (a histogram in Prometheus), the caches' git protocol v1/v2 split, a volume's fullest brick",
    "and a repository's lag per mirror node are not exported: those charts show the local history only.",
    '',
  ];
  for (const area of Object.keys(AREA_TITLES) as Array<MetricDef['area']>) {
    out.push(`## ${AREA_TITLES[area]}`, '', '| Metric | Type | Labels | Meaning |', '| --- | --- | --- | --- |');
    for (const def of METRICS.filter((d) => d.area === area) as readonly MetricDef[]) {
      const labels = def.labels.length === 0 ? '—' : def.labels.map((l) => `\`${l}\``).join(', ');
      const extra = def.type === 'histogram' ? ` Buckets (s): ${POLL_DURATION_BUCKETS.join(', ')}.` : '';
      out.push(`| \`${def.name}\` | ${def.type} | ${labels} | ${def.help.replaceAll('|', '\\|')}${extra} |`);
    }
    out.push('');
  }
  out.push('## Labels', '', '| Label | Values |', '| --- | --- |');
  const used = new Set(METRICS.flatMap((d) => d.labels));
  for (const [label, meaning] of Object.entries(LABELS)) if (used.has(label)) out.push(`| \`${label}\` | ${meaning} |`);
  out.push(
    '',
    '## The collector process',
    '',
    "Node's process metrics, from prom-client's default collectors:",
    '',
    '| Metric | Type | Meaning |',
    '| --- | --- | --- |',
  );
  for (const m of await processMetrics()) out.push(`| \`${m.name}\` | ${m.type} | ${m.help.replaceAll('|', '\\|')} |`);
  out.push('');
  return out.join('\n');
}

/** Labels used by the catalog that the docs do not explain (the doc test asserts there are none). */
export const unexplainedLabels = (): string[] => [...new Set(METRICS.flatMap((d) => d.labels))].filter((l) => !(l in LABELS));

import {
  hitRatioOf,
  type CacheEndpoint,
  type CacheProblem,
  type CacheRepository,
  type CacheRepositoryColumns,
  type PrimaryCache,
  type RawField,
  type TargetError,
} from '../../../shared/model';
import type { BitbucketClient, GetJsonOptions, JsonResponse } from '../http/bitbucket-client-contract';
import { budgetedPeriodMs, SweepSchedule } from '../scheduler/sweep-schedule';
import { FleetError, toTargetError } from '../http/fleet-error';
import type { HistoryStore } from '../store/history-store';
import { diskGuardTripped, normaliseRepository } from './cache-feed';
import { reduceFeed, type ColumnFeed, type FeedColumns } from './feed-columns';
import { emptyCache } from './empty-cache';
import { feedRows, lookupRows } from './repository-rows';
import { ScannedFeed, scanFeedBody } from './feed-scan';
import { CacheRateTracker, intervalOf, RecentWindow } from './cache-rates';
import { cacheStatus } from './cache-status';
import { readEnabled, readProtocols, readTtl, show, type Read } from './cache-values';
import { historyFigures, historyTarget } from './cache-history';
import { RepoLookupTracker } from '../repository/repository-history';

export const SCM_CACHE_PREFIX = '/rest/scm-cache/latest';

const ENDPOINTS: readonly CacheEndpoint[] = [
  'config/protocols',
  'config/refs/enabled',
  'config/refs/ttl',
  'config/upload-pack/enabled',
  'config/upload-pack/ttl',
  'caches',
];

/** Unsupported endpoints are asked again every this many polls: an upgrade or a re-enabled plugin brings them back. */
const REPROBE_EVERY = 20;
/** Repositories looked up on demand that the table keeps (most recent first). */
const MAX_LOOKED_UP = 500;

type Outcome =
  { kind: 'ok'; body: unknown; feed?: ColumnFeed; bytes?: number } | { kind: 'unsupported' } | { kind: 'failed'; error: TargetError; problem: CacheProblem };

export interface CachePollerDeps {
  primaryId: string;
  client: BitbucketClient;
  /** Whether an admin credential is configured, to retry reads with it when the read one is refused. */
  hasAdmin: boolean;
  store: HistoryStore;
  now(): number;
  /**
   * The statistics' schedule in force (fleet config `cacheStats*`), and the regular poll interval:
   * a body whose budgeted period fits within one interval is read at every poll, "Poll now" included.
   */
  statistics(): { intervalSeconds: number; budgetKBps: number; pollIntervalSeconds?: number };
}

/**
 * The SCM cache of one primary: polls the five settings and the statistics (six requests, whatever
 * the number of repositories), keeps the last good values of whatever fails, marks 404s as not
 * supported on this version, and records hit ratios per interval in the history store.
 */
export class PrimaryCachePoller {
  cache: PrimaryCache | null = null;
  private readAuth: 'read' | 'admin' = 'read';
  private readonly unsupported = new Set<CacheEndpoint>();
  private pollsSinceProbe = 0;
  private readonly rates = new CacheRateTracker();
  private readonly recent = new RecentWindow();
  private readonly repoLookups: RepoLookupTracker;
  private feedRepos: FeedColumns | null = null;
  private readonly lookedUp = new Map<string, CacheRepository>();
  private reposUpdatedAt: number | null = null;
  /** The statistics' own schedule: they list every repository, so they are not read every poll at scale. */
  private readonly stats = new SweepSchedule();
  private statsBytes: number | null = null;
  private statsReadAt: number | null = null;
  /** Set by an admin action: the poll that shows its effect reads the statistics whatever their schedule. */
  private statsWanted = false;
  /** When the disk guard was first seen tripped, for the alert's `since`; null while it is not. */
  guardSince: number | null = null;

  constructor(private readonly deps: CachePollerDeps) {
    this.repoLookups = new RepoLookupTracker(deps.primaryId);
  }

  isUnsupported(endpoint: CacheEndpoint): boolean {
    return this.unsupported.has(endpoint);
  }

  markUnsupported(endpoint: CacheEndpoint): void {
    this.unsupported.add(endpoint);
  }

  /** Forget what answered 404: after an upgrade the endpoints may have come (or gone). */
  /** The next poll reads the statistics, e.g. to show a cleared cache's row reset. */
  readStatisticsNext(): void {
    this.statsWanted = true;
  }

  versionChanged(): void {
    this.unsupported.clear();
  }

  async poll(signal: AbortSignal): Promise<void> {
    await this.pollOnce(signal);
  }

  /** A read of the plugin's REST API, retried once with the admin credential when the read one gets 401. */
  async get(path: string, signal?: AbortSignal, lean?: GetJsonOptions['lean']): Promise<JsonResponse> {
    const opts = { ...(signal ? { signal } : {}), ...(lean ? { lean } : {}) };
    const auth = this.readAuth;
    try {
      return await this.deps.client.getJson(`${SCM_CACHE_PREFIX}/${path}`, { auth, ...opts });
    } catch (err) {
      if (!(err instanceof FleetError) || err.httpStatus !== 401 || auth === 'admin' || !this.deps.hasAdmin) throw err;
      // This instance reserves scm-cache reads for admins (reference §3.1 leaves it open); remember it.
      this.readAuth = 'admin';
      return this.deps.client.getJson(`${SCM_CACHE_PREFIX}/${path}`, { auth: 'admin', ...opts });
    }
  }

  /** One repository's caches, read now; kept for the table when the statistics do not list repositories. */
  async fetchRepository(projectKey: string, repoSlug: string): Promise<CacheRepository> {
    const path = `caches/${encodeURIComponent(projectKey)}/${encodeURIComponent(repoSlug)}`;
    const response = await this.get(path);
    const repo = normaliseRepository(response.body, projectKey, repoSlug);
    const at = this.deps.now();
    const result: CacheRepository = { ...repo, hitRatio: hitRatioOf(repo.hits, repo.misses), fetchedAt: at };
    const key = `${projectKey}/${repoSlug}`;
    this.lookedUp.delete(key);
    this.lookedUp.set(key, result);
    while (this.lookedUp.size > MAX_LOOKED_UP) this.lookedUp.delete(this.lookedUp.keys().next().value as string);
    if (this.feedRepos === null) {
      this.reposUpdatedAt = at;
      if (this.cache) this.cache = { ...this.cache, repositories: { ...this.cache.repositories, count: this.lookedUp.size, updatedAt: at } };
    }
    return result;
  }

  /**
   * Rows of the per-repository table, one array per column: all of them, or `limit` rows from
   * `offset` on (the Caches view reads 50,000 rows in pages, so no answer is decoded in one long task).
   */
  repositoryRows(
    offset = 0,
    limit = Number.POSITIVE_INFINITY,
  ): { source: PrimaryCache['repositories']['source']; updatedAt: number | null; rows: CacheRepositoryColumns } {
    const source = this.cache?.repositories.source ?? 'unknown';
    const rows =
      this.feedRepos !== null ? feedRows(this.feedRepos, offset, limit) : lookupRows([...this.lookedUp.values()].reverse().slice(offset, offset + limit));
    return { source, updatedAt: this.reposUpdatedAt, rows };
  }

  private async read(endpoint: CacheEndpoint, signal: AbortSignal): Promise<Outcome> {
    try {
      // The statistics are read from their bytes into columns (feed-scan.ts), or parsed when the scan refuses them.
      const response = await this.get(
        endpoint,
        signal,
        endpoint === 'caches' ? (buf: Buffer) => scanFeedBody(buf, this.feedRepos?.repoSlug ?? null) : undefined,
      );
      return { kind: 'ok', body: response.body, bytes: response.bytes ?? 0 };
    } catch (err) {
      if (err instanceof FleetError && err.httpStatus === 404) return { kind: 'unsupported' };
      const error = toTargetError(err, this.deps.now());
      const body = err instanceof FleetError ? err.body : null;
      return { kind: 'failed', error, problem: { endpoint, code: error.code, message: error.message, httpStatus: error.httpStatus, body } };
    }
  }

  private async pollOnce(signal: AbortSignal): Promise<void> {
    const started = this.deps.now();
    const probe = this.pollsSinceProbe >= REPROBE_EVERY;
    this.pollsSinceProbe = probe ? 0 : this.pollsSinceProbe + 1;
    const statsDue = this.statsWanted || this.statsEveryPoll() || this.stats.due(started, this.statsPeriodMs());
    const wanted = ENDPOINTS.filter((e) => (probe || !this.unsupported.has(e)) && (e !== 'caches' || statsDue));
    const readsStats = wanted.includes('caches');
    if (readsStats) {
      this.stats.begin(started);
      this.statsWanted = false;
    }
    const outcomes = new Map<CacheEndpoint, Outcome>(
      await Promise.all(
        wanted.map(async (e): Promise<[CacheEndpoint, Outcome]> => {
          const o = await this.read(e, signal);
          // The statistics may list every repository: reduced as soon as they arrive, their parsed
          // graph (when the scan refused the bytes) dies young instead of outliving the other reads.
          if (e !== 'caches' || o.kind !== 'ok') return [e, o];
          return [e, { kind: 'ok', body: null, bytes: o.bytes ?? 0, feed: o.body instanceof ScannedFeed ? o.body.feed : reduceFeed(o.body) }];
        }),
      ),
    );
    const at = this.deps.now();
    if (readsStats) {
      const o = outcomes.get('caches');
      this.stats.end(at, o?.kind === 'failed' ? o.error.message : null);
      if (o?.kind === 'ok') this.statsBytes = o.bytes ?? null;
    }
    if (signal.aborted) return;
    const prev = this.cache ?? emptyCache();
    const raw: RawField[] = [];
    const problems: CacheProblem[] = [];
    for (const [endpoint, o] of outcomes) {
      if (o.kind === 'unsupported') this.unsupported.add(endpoint);
      else this.unsupported.delete(endpoint);
      if (o.kind === 'failed') problems.push(o.problem);
    }

    /** A setting: read now, null when unsupported, the last good value when the read failed. */
    const setting = <T>(endpoint: CacheEndpoint, parse: (body: unknown, endpoint: string) => Read<T>, last: T | null): T | null => {
      const o = outcomes.get(endpoint);
      if (this.unsupported.has(endpoint)) return null;
      if (!o || o.kind !== 'ok') return last;
      const r = parse(o.body, endpoint);
      // An unreadable body is shown once, as the problem's raw body, rather than twice.
      if (r.value === null) problems.push(unreadable(endpoint, o.body));
      else raw.push(...r.raw);
      return r.value;
    };
    const protocols = setting(
      'config/protocols',
      readProtocols,
      prev.config.protocols.http === null || prev.config.protocols.ssh === null ? null : { http: prev.config.protocols.http, ssh: prev.config.protocols.ssh },
    );
    const next: PrimaryCache = {
      ...prev,
      polledAt: at,
      config: {
        refs: {
          enabled: setting('config/refs/enabled', readEnabled, prev.config.refs.enabled),
          ttlSeconds: setting('config/refs/ttl', readTtl, prev.config.refs.ttlSeconds),
        },
        uploadPack: {
          enabled: setting('config/upload-pack/enabled', readEnabled, prev.config.uploadPack.enabled),
          ttlSeconds: setting('config/upload-pack/ttl', readTtl, prev.config.uploadPack.ttlSeconds),
        },
        protocols: { http: protocols?.http ?? null, ssh: protocols?.ssh ?? null },
      },
      unsupported: ENDPOINTS.filter((e) => this.unsupported.has(e)),
      raw,
      problems,
    };
    this.applyFeed(next, outcomes.get('caches'), at, started, readsStats);
    const policy = this.deps.statistics();
    next.statistics = {
      readAt: this.statsReadAt,
      bytes: this.statsBytes,
      nextAt: (this.stats.startedAt ?? at) + this.statsPeriodMs(),
      intervalSeconds: policy.intervalSeconds,
      budgetKBps: policy.budgetKBps,
    };
    const stats = cacheStatus(next, outcomes, ENDPOINTS.length);
    this.cache = { ...next, ...stats, lastSuccessAt: stats.error === null && stats.status !== 'unknown' ? at : prev.lastSuccessAt };
    if (stats.status === 'down') throw new Error(stats.statusMessage ?? 'The SCM cache could not be read');
  }

  /** With no period of their own, statistics whose budgeted period fits in one poll interval are read at every poll. */
  private statsEveryPoll(): boolean {
    const { intervalSeconds, pollIntervalSeconds } = this.deps.statistics();
    return intervalSeconds === 0 && pollIntervalSeconds !== undefined && !this.stats.running && this.statsPeriodMs() <= pollIntervalSeconds * 1000;
  }

  /** The statistics' period after the last body: the configured one, or longer when its size needs it to stay within the budget. */
  private statsPeriodMs(): number {
    const { intervalSeconds, budgetKBps } = this.deps.statistics();
    return budgetedPeriodMs(intervalSeconds * 1000, this.statsBytes, budgetKBps * 1024);
  }

  private applyFeed(next: PrimaryCache, outcome: Outcome | undefined, at: number, started: number, read: boolean): void {
    if (this.unsupported.has('caches')) {
      Object.assign(next, { totals: emptyCache().totals, byKind: emptyCache().byKind, interval: null, recent: null, active: null, disk: emptyCache().disk });
      next.repositories = { source: 'unknown', count: null, updatedAt: this.reposUpdatedAt };
      this.feedRepos = null;
      next.diskGuardTripped = null;
      return;
    }
    if (!outcome || outcome.kind !== 'ok') {
      // Not due this poll: the figures stay those of the last read (shown with its time).
      if (read) next.interval = null;
      next.recent = this.recent.update(null, at);
      return;
    }
    this.statsReadAt = at;
    const feed = outcome.feed ?? reduceFeed(outcome.body);
    if (feed.raw.length > 0) next.raw.push(...feed.raw.map((r) => ({ key: `caches.${r.key}`, value: r.value })));
    const sample = this.rates.update(at, feed);
    next.totals = feed.totals;
    next.byKind = feed.byKind;
    next.interval = intervalOf(sample);
    next.recent = this.recent.update(sample, at);
    next.active = feed.active;
    next.disk = { freeBytes: feed.freeBytes, minimumFreeBytes: feed.minimumFreeBytes };
    next.diskGuardTripped = diskGuardTripped(feed, next.config.uploadPack.enabled);
    this.guardSince = next.diskGuardTripped ? (this.guardSince ?? at) : null;
    if (feed.repositories !== null) {
      this.feedRepos = feed.repositories;
      this.reposUpdatedAt = at;
      next.repositories = { source: 'feed', count: feed.repositories.length, updatedAt: at };
    } else {
      this.feedRepos = null;
      next.repositories = { source: 'on-demand', count: this.lookedUp.size, updatedAt: this.reposUpdatedAt };
    }
    const figures = historyFigures(sample, feed.totals.size);
    this.deps.store.recordPoll({ targetId: historyTarget(this.deps.primaryId), at, status: 'up', durationMs: at - started, error: null, figures });
    // Each repository's share of the interval, for its page's history (only those with lookups).
    if (feed.repositories !== null) this.deps.store.recordSamples(at, this.repoLookups.sampleColumns(feed.repositories));
  }
}

function unreadable(endpoint: string, body: unknown): CacheProblem {
  return {
    endpoint,
    code: 'malformed',
    message: `${endpoint} answered something Fleetscope cannot read as a setting; its body is shown as it came.`,
    httpStatus: null,
    body: show(body),
  };
}

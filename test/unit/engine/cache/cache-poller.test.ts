import { LeanJsonError } from '../../../../electron/engine/http/lean-json';
import { afterEach, describe, expect, it } from 'vitest';
import { PrimaryCachePoller } from '../../../../electron/engine/cache/cache-poller';
import type { BitbucketClient, GetJsonOptions, JsonResponse } from '../../../../electron/engine/http/bitbucket-client-contract';
import { FleetError } from '../../../../electron/engine/http/fleet-error';
import { openHistoryStore, type HistoryStore } from '../../../../electron/engine/store/history-store';

type Answer = { status: number; body?: unknown; text?: string } | FleetError;
type Route = (path: string, auth: GetJsonOptions['auth']) => Answer;

/** A client whose answers come from `route`; records every GET with the credential it used. */
function fakeClient(route: Route) {
  const calls: { path: string; auth: string }[] = [];
  const client: BitbucketClient = {
    origin: 'https://bb.example.com',
    getJson: async (path, opts = {}): Promise<JsonResponse> => {
      const rel = path.replace('/rest/scm-cache/latest/', '');
      calls.push({ path: rel, auth: opts.auth ?? 'read' });
      const a = route(rel, opts.auth);
      if (a instanceof FleetError) throw a;
      if (a.status >= 400)
        throw new FleetError({
          code: a.status === 404 ? 'not-found' : a.status === 401 ? 'auth' : 'server-error',
          message: `HTTP ${a.status}`,
          httpStatus: a.status,
          body: a.text ?? null,
        });
      // As the real client: the body's bytes counted, and read by the caller's reader when it gives one.
      const text = JSON.stringify(a.body ?? null);
      let body: unknown = a.body ?? null;
      if (typeof opts.lean === 'function') {
        try {
          body = opts.lean(Buffer.from(text));
        } catch (err) {
          if (!(err instanceof LeanJsonError)) throw err;
        }
      }
      return { status: a.status, body, headers: {}, durationMs: 1, bytes: Buffer.byteLength(text) };
    },
    getPaged: async () => ({ values: [], pages: 0, truncated: false }),
    eachPage: async () => ({ pages: 0, truncated: false, durationMs: 0, bytes: 0 }),
    write: async () => ({ status: 204, body: null, headers: {}, durationMs: 1 }),
  };
  return { client, calls };
}

const config: Record<string, unknown> = {
  'config/protocols': ['http', 'ssh'],
  'config/upload-pack/enabled': true,
  'config/upload-pack/ttl': 14400,
};

const listing = (repos: number, hits = 100, misses = 20) => ({
  enabled: true,
  totalSize: 1000,
  hits,
  misses,
  freeSpace: 100e9,
  minimumFreeSpace: 8e9,
  repositories: Array.from({ length: repos }, (_, i) => ({
    projectKey: 'P',
    repoSlug: `r${i}`,
    hits: i,
    misses: 1,
    size: 10,
    caches: [{ type: 'upload-pack', protocol: 'http', gitProtocolVersion: 2, hits: i, misses: 1 }],
  })),
});

let store: HistoryStore;
afterEach(() => store?.close());

function poller(
  route: Route,
  opts: { hasAdmin?: boolean; now?: () => number; statistics?: { intervalSeconds: number; budgetKBps: number; pollIntervalSeconds?: number } } = {},
) {
  store = openHistoryStore({ path: ':memory:' });
  const fake = fakeClient(route);
  let t = 1_700_000_000_000;
  const statistics = () => opts.statistics ?? { intervalSeconds: 0, budgetKBps: 1_000_000 };
  const p = new PrimaryCachePoller({
    primaryId: 'prod',
    client: fake.client,
    hasAdmin: opts.hasAdmin ?? true,
    store,
    now: opts.now ?? (() => (t += 15_000)),
    statistics,
  });
  return { p, calls: fake.calls };
}

const signal = new AbortController().signal;
const notFound = (path: string): Answer => ({ status: 404, text: `{"errors":[{"message":"No resource at ${path}"}]}` });

describe('the cache poller', () => {
  it('gives the repository table in pages that, put together, are the whole table', async () => {
    const { p } = poller((path) =>
      path.startsWith('config/refs') ? notFound(path) : path === 'caches' ? { status: 200, body: listing(2_500) } : { status: 200, body: config[path] },
    );
    await p.poll(signal);
    const all = p.repositoryRows();
    const pages = [0, 1_000, 2_000, 3_000].map((offset) => p.repositoryRows(offset, 1_000));
    expect(pages.map((page) => page.rows.projectKey.length)).toEqual([1_000, 1_000, 500, 0]);
    for (const column of Object.keys(all.rows) as (keyof typeof all.rows)[])
      expect(pages.flatMap((page): unknown[] => page.rows[column])).toEqual(all.rows[column]);
    expect(pages.every((page) => page.updatedAt === all.updatedAt && page.source === 'feed')).toBe(true);
  });

  it('asks six things per poll whatever the number of repositories, and skips what answered 404', async () => {
    for (const repos of [3, 3_000]) {
      const { p, calls } = poller((path) =>
        path.startsWith('config/refs') ? notFound(path) : path === 'caches' ? { status: 200, body: listing(repos) } : { status: 200, body: config[path] },
      );
      await p.poll(signal);
      expect(calls).toHaveLength(6);
      await p.poll(signal);
      // refs/enabled and refs/ttl are known missing now: four requests until the next re-probe.
      expect(calls).toHaveLength(10);
      expect(p.cache).toMatchObject({ status: 'up', unsupported: ['config/refs/enabled', 'config/refs/ttl'], repositories: { source: 'feed', count: repos } });
      expect(p.cache!.config.refs).toEqual({ enabled: null, ttlSeconds: null });
      expect(p.repositoryRows().rows.projectKey).toHaveLength(repos);
    }
  });

  it('retries a refused read once with the admin credential and keeps using it', async () => {
    const { p, calls } = poller((path, auth) =>
      auth === 'read' ? { status: 401, text: 'denied' } : path === 'caches' ? { status: 200, body: listing(1) } : { status: 200, body: config[path] ?? true },
    );
    await p.poll(signal);
    expect(p.cache!.status).toBe('up');
    expect(calls.filter((c) => c.auth === 'read').length).toBeGreaterThanOrEqual(1);
    const before = calls.length;
    await p.poll(signal);
    expect(calls.slice(before).every((c) => c.auth === 'admin')).toBe(true);
  });

  it('shows a body it cannot use raw, keeps the last good figures, and says the read failed', async () => {
    let odd = false;
    const { p } = poller((path) => {
      if (path.startsWith('config/refs')) return notFound(path);
      if (path === 'caches')
        return odd
          ? new FleetError({ code: 'malformed', message: 'not JSON', httpStatus: 200, body: 'Statistics are being rebuilt' })
          : { status: 200, body: listing(2) };
      if (path === 'config/upload-pack/ttl' && odd) return { status: 200, body: { ttl: 'soon' } };
      return { status: 200, body: config[path] };
    });
    await p.poll(signal);
    const good = p.cache!;
    odd = true;
    await p.poll(signal);
    const c = p.cache!;
    expect(c.status).toBe('degraded');
    expect(c.totals).toEqual(good.totals);
    expect(c.lastSuccessAt).toBe(good.lastSuccessAt);
    expect(c.problems).toEqual([
      { endpoint: 'caches', code: 'malformed', message: 'not JSON', httpStatus: 200, body: 'Statistics are being rebuilt' },
      expect.objectContaining({ endpoint: 'config/upload-pack/ttl', code: 'malformed', body: '{"ttl":"soon"}' }),
    ]);
    expect(c.config.uploadPack.ttlSeconds).toBeNull();
  });

  it('is down when the instance cannot be reached, unknown when the plugin is missing', async () => {
    const refused = poller(() => new FleetError({ code: 'refused', message: 'connection refused' }));
    await expect(refused.p.poll(signal)).rejects.toThrow(/could not be read/);
    expect(refused.p.cache).toMatchObject({ status: 'down', error: { code: 'refused' } });
    const missing = poller((path) => notFound(path));
    await missing.p.poll(signal);
    expect(missing.p.cache).toMatchObject({
      status: 'unknown',
      statusMessage: expect.stringMatching(/disabled or missing/),
      repositories: { source: 'unknown' },
    });
  });

  it('flags the disk guard and records hit ratios per interval in the history', async () => {
    let hits = 100;
    const { p } = poller((path) =>
      path === 'caches'
        ? { status: 200, body: { ...listing(1, (hits += 30), 20), freeSpace: 1e9 } }
        : path.startsWith('config/refs')
          ? notFound(path)
          : { status: 200, body: config[path] },
    );
    await p.poll(signal);
    await p.poll(signal);
    expect(p.cache).toMatchObject({
      status: 'degraded',
      diskGuardTripped: true,
      statusMessage: expect.stringMatching(/Caching switched itself off for lack of free disk \(1\.00 GB free, minimum 8\.00 GB\)/),
    });
    // The fake clock moves 15 s per reading, and a poll reads it twice.
    expect(p.cache!.interval).toMatchObject({ hits: 30, misses: 0, hitRatio: 1, seconds: 30 });
    expect(p.cache!.recent).toEqual({ windowSeconds: 900, coveredSeconds: 30, hits: 30, misses: 0, hitRatio: 1 });
    expect(store.series('cache:prod', 'cache.hitRatio.all', 0, Number.MAX_SAFE_INTEGER)).toEqual([[expect.any(Number), 1]]);
    expect(store.series('cache:prod', 'cache.size', 0, Number.MAX_SAFE_INTEGER)).toHaveLength(2);
  });

  it('reads the statistics on their own schedule: the period, stretched so one primary averages at most the budget', async () => {
    let now = 1_700_000_000_000;
    const route: Route = (path) => (path === 'caches' ? { status: 200, body: listing(3_000) } : { status: 200, body: config[path] ?? true });
    const paced = poller(route, { now: () => now, statistics: { intervalSeconds: 0, budgetKBps: 10 } });
    const statsReads = () => paced.calls.filter((c) => c.path === 'caches').length;
    await paced.p.poll(signal);
    const first = paced.p.cache!.statistics!;
    expect(statsReads()).toBe(1);
    expect(first.bytes).toBeGreaterThan(100_000);
    // The next read waits bytes / budget after the last one started, then happens at the next poll.
    const gapMs = (first.bytes! / (10 * 1024)) * 1000;
    expect(first.nextAt).toBe(first.readAt! + gapMs);
    for (let t = 15_000; t < gapMs; t += 15_000) {
      now += 15_000;
      await paced.p.poll(signal);
    }
    expect(statsReads()).toBe(1);
    expect(paced.p.cache!.statistics!.readAt).toBe(first.readAt);
    now += 15_000;
    await paced.p.poll(signal);
    expect(statsReads()).toBe(2);
    expect(paced.p.cache!.statistics!.readAt).toBe(now);

    // A small body within the budget: read every poll when the period is 0, every period otherwise.
    now = 1_700_000_000_000;
    const small = poller((path) => (path === 'caches' ? { status: 200, body: listing(3) } : { status: 200, body: config[path] ?? true }), {
      now: () => now,
      statistics: { intervalSeconds: 60, budgetKBps: 64 },
    });
    for (let i = 0; i < 8; i++) {
      await small.p.poll(signal);
      now += 15_000;
    }
    expect(small.calls.filter((c) => c.path === 'caches')).toHaveLength(2);
  });

  it('reads statistics that fit one poll interval at every poll, "Poll now" included, and after an admin action whatever the schedule', async () => {
    let now = 1_700_000_000_000;
    const route: Route = (path) => (path === 'caches' ? { status: 200, body: listing(300) } : { status: 200, body: config[path] ?? true });
    const statsReads = (calls: { path: string }[]) => calls.filter((c) => c.path === 'caches').length;
    // Polls 100 ms apart (a user's "Poll now"): the body's budgeted period is longer than that but fits the 15 s interval.
    const fits = poller(route, { now: () => now, statistics: { intervalSeconds: 0, budgetKBps: 64, pollIntervalSeconds: 15 } });
    for (let i = 0; i < 3; i++) {
      await fits.p.poll(signal);
      now += 100;
    }
    expect(fits.p.cache!.statistics!.bytes! / 64 / 1024).toBeGreaterThan(0.1);
    expect(statsReads(fits.calls)).toBe(3);

    // A body that needs longer than one interval keeps its schedule, except for the poll after an action.
    const big = poller(route, { now: () => now, statistics: { intervalSeconds: 0, budgetKBps: 1, pollIntervalSeconds: 15 } });
    await big.p.poll(signal);
    now += 15_000;
    await big.p.poll(signal);
    expect(statsReads(big.calls)).toBe(1);
    big.p.readStatisticsNext();
    now += 15_000;
    await big.p.poll(signal);
    now += 15_000;
    await big.p.poll(signal);
    expect(statsReads(big.calls)).toBe(2);
  });
});

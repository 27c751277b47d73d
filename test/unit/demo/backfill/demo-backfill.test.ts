import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../../../electron/demo';
import { ciLoad, OLDER_STEP_MS, pastIncidents, pastSpan, RECENT_STEP_MS } from '../../../../electron/demo/backfill/past-span';
import { readHistory } from '../../../../electron/engine/cache/cache-history';
import { writePastHistory } from '../../../../electron/engine/history/past-polls';
import { readRepositoryHistory } from '../../../../electron/engine/repository/repository-history';
import { openHistoryStore, type HistoryStore } from '../../../../electron/engine/store/history-store';
import type { PastCachePoll, PastFarmPoll, PastHistory, PastPrimaryPoll } from '../../../../shared/model';

const DAY = 86_400_000;
// A Thursday noon (UTC): the week before holds a weekend and five working days.
const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

let fleet: DemoFleet;
let past: PastHistory;
let store: HistoryStore;
beforeAll(async () => {
  fleet = await startDemoFleet({ clock: { speed: 1, now: () => NOW } });
  past = fleet.pastHistory(0, NOW);
  store = openHistoryStore({ path: ':memory:' });
  await writePastHistory(store, past);
}, 30_000);
afterAll(async () => {
  store?.close();
  await fleet?.stop();
});

describe('the CI rhythm', () => {
  it('is busy on weekday working hours, quiet at night, and a fifth of that at weekends', () => {
    const thursday11 = Date.UTC(2026, 11, 3, 11, 0);
    const thursday03 = Date.UTC(2026, 11, 3, 3, 30);
    const saturday11 = Date.UTC(2026, 10, 28, 11, 0);
    expect(ciLoad(thursday11)).toBeGreaterThan(0.8);
    expect(ciLoad(thursday03)).toBeLessThan(0.1);
    expect(ciLoad(saturday11)).toBeCloseTo(ciLoad(thursday11) * 0.2, 5);
  });
});

describe('the span', () => {
  it('covers seven days: the last day and each incident every 5 min, the rest every 30 min, all before now', () => {
    const span = pastSpan(0, NOW);
    expect(span.from).toBe(NOW - 7 * DAY);
    expect(span.steps.at(-1)).toBe(NOW - RECENT_STEP_MS);
    expect(span.steps[0]! - span.from).toBeLessThanOrEqual(OLDER_STEP_MS);
    const gaps = span.steps.slice(1).map((t, i) => t - span.steps[i]!);
    expect(Math.max(...gaps)).toBe(OLDER_STEP_MS);
    expect(Math.min(...gaps)).toBe(RECENT_STEP_MS);
    expect(span.steps.filter((t) => t > NOW - DAY)).toHaveLength(DAY / RECENT_STEP_MS - 1);
    const { nodeRestart } = pastIncidents(NOW);
    expect(span.steps.filter((t) => t >= nodeRestart.from && t < nodeRestart.to).length).toBeGreaterThan(0);
    // The old days at the coarse step: about 6 × 48 polls, plus the incidents' fine steps.
    expect(span.steps.length).toBeLessThan(DAY / RECENT_STEP_MS + 6 * 48 + 40);
  });

  it('fills only the gap after history already kept', () => {
    const span = pastSpan(NOW - 3_600_000, NOW);
    expect(span.steps[0]).toBeGreaterThan(NOW - 3_600_000);
    expect(span.steps).toHaveLength(3_600_000 / RECENT_STEP_MS - 1);
  });
});

describe('the back-filled week of the default demo fleet', () => {
  const polls = <A extends PastHistory['polls'][number]['area']>(area: A) =>
    past.polls.filter((p) => p.area === area) as Array<Extract<PastHistory['polls'][number], { area: A }>>;

  it('follows the CI rhythm: more clones counted at a weekday peak than at night', () => {
    const cache = polls('cache').filter((p) => p.primaryId === fleet.primaries[0]!.id);
    const perSecond = (p: PastCachePoll) => (p.counts.all!.hits + p.counts.all!.misses) / p.seconds;
    const at = (t: number) => cache.reduce((best, p) => (Math.abs(p.at - t) < Math.abs(best.at - t) ? p : best));
    expect(perSecond(at(Date.UTC(2026, 10, 30, 11, 0)))).toBeGreaterThan(2 * perSecond(at(Date.UTC(2026, 10, 30, 3, 30))));
  });

  it('has the disk-guard trip: no hits on the second primary while it lasted, and the events of it', () => {
    const { diskGuard } = pastIncidents(NOW);
    const second = fleet.primaries[1]!.id;
    const during = polls('cache').filter((p) => p.primaryId === second && p.at >= diskGuard.from && p.at < diskGuard.to);
    expect(during.length).toBeGreaterThan(0);
    for (const p of during) expect(p.counts.all!.hits).toBe(0);
    const events = past.events.filter((e) => e.kind === 'cache-switched' && e.targetId === second);
    expect(events.map((e) => [e.at, e.severity])).toEqual([
      [diskGuard.from, 'critical'],
      [diskGuard.to, 'info'],
    ]);
    expect(events[0]!.text).toMatch(/switched off by the disk guard/);
  });

  it('has the node restart: one node fewer on the first primary, status events down and up', () => {
    const { nodeRestart } = pastIncidents(NOW);
    const first = fleet.primaries[0]!;
    const during = polls('primary').filter((p: PastPrimaryPoll) => p.primaryId === first.id && p.at >= nodeRestart.from && p.at < nodeRestart.to);
    expect(during.length).toBeGreaterThan(0);
    for (const p of during) expect([p.status, p.nodesUp]).toEqual(['degraded', first.nodes.length - 1]);
    const texts = past.events.filter((e) => e.kind === 'status' && e.targetId === first.id).map((e) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${first.nodes[1]!.name} of .*: up → down`)), expect.stringMatching(/: down → up$/)]),
    );
  });

  it('has the network cut and the catch-up: the CI farm down, then lagging fewer each poll, then in sync', () => {
    const { networkCut } = pastIncidents(NOW);
    const farms = polls('farm');
    const cutFarm = farms.find((p: PastFarmPoll) => p.at >= networkCut.from && p.at < networkCut.to && p.status === 'down')!.farmId;
    const after = farms.filter((p) => p.farmId === cutFarm && p.at >= networkCut.to && p.at < networkCut.to + networkCut.catchUpMs);
    const lagging = after.map((p) => p.repos.lagging);
    expect(lagging[0]).toBeGreaterThan(0);
    expect([...lagging].sort((a, b) => b - a)).toEqual(lagging);
    const kinds = past.events.filter((e) => e.targetId === cutFarm).map((e) => `${e.kind}:${e.severity}`);
    expect(kinds).toEqual(expect.arrayContaining(['status:critical', 'sync-state:warning', 'status:info']));
    // Every other farm stayed up all week.
    expect(farms.filter((p) => p.farmId !== cutFarm && p.status !== 'up')).toEqual([]);
  });

  it('lands in the history store as live polls do: the hit-rate chart, a repository page and the Timeline read it', () => {
    const primaryId = fleet.primaries[0]!.id;
    const week = readHistory(store, primaryId, { from: NOW - 7 * DAY, to: NOW }, 10_000);
    expect(week.all.length).toBeGreaterThan(500);
    expect(week.all[0]![0]).toBeLessThan(NOW - 6.9 * DAY);
    for (const [, ratio] of week.all) expect(ratio >= 0 && ratio <= 1).toBe(true);
    expect(store.series(primaryId, 'nodes.up', NOW - 7 * DAY, NOW).length).toBe(pastSpan(0, NOW).steps.length);
    const busiest = polls('cache').find((p) => p.primaryId === primaryId && p.repositories.length > 0)!.repositories[0]!;
    const repo = readRepositoryHistory(store, {
      primaryId,
      cacheTarget: `cache:${primaryId}`,
      projectKey: busiest.projectKey,
      repoSlug: busiest.repoSlug,
      repoId: null,
      farms: [],
      now: NOW,
      rangeSeconds: 86_400,
      maxPoints: 1000,
    });
    expect(repo.hitsPerMinute.some(([, v]) => v > 0)).toBe(true);
    const timeline = store.events({ from: NOW - 7 * DAY, to: NOW, limit: 100 });
    expect(timeline.length).toBe(past.events.length);
  });
});

import { diskGuardEvent } from '../../../shared/logic/events/area-events';
import type { NewFleetEvent, PastCachePoll } from '../../../shared/model';
import { ciLoad, noise, RECENT_SPAN_MS, within, type PastSpan } from '../backfill/past-span';
import type { ScmCachePlugin } from './plugin-model';
import { RATES, type CacheTraffic } from './traffic';

/** Repositories whose own lookups the last day keeps per poll (a repository page's history). */
const REPOS_PER_POLL = 5;

interface CacheRuntimePart {
  readonly id: string;
  readonly name: string;
  readonly plugin: ScmCachePlugin;
  readonly traffic: CacheTraffic;
}

const split = (lookups: number, ratio: number): { hits: number; misses: number } => {
  const hits = Math.round(lookups * Math.min(1, Math.max(0, ratio)));
  return { hits, misses: Math.round(lookups) - hits };
};

/**
 * The SCM caches' past polls, from the live model's request rates under the CI rhythm: busier
 * hours keep caches warmer (a higher hit ratio); while the disk guard was tripped every lookup
 * was a miss. Classes as the plugin's statistics break them down (refs only before 7.4; git
 * protocol versions and repositories only where `GET /caches` lists repositories).
 */
export function cachePast(runtimes: readonly CacheRuntimePart[], span: PastSpan): { polls: PastCachePoll[]; events: NewFleetEvent[] } {
  const polls: PastCachePoll[] = [];
  const events: NewFleetEvent[] = [];
  const guard = span.incidents.diskGuard;
  runtimes.forEach((r, i) => {
    const guarded = i === 1 % runtimes.length;
    const busiest = r.plugin.listsRepositories ? r.traffic.busiest(REPOS_PER_POLL) : [];
    let previous = span.steps[0]! - (span.steps[1]! - span.steps[0]!);
    for (const at of span.steps) {
      const seconds = (at - previous) / 1000;
      previous = at;
      const load = 0.3 + 1.2 * ciLoad(at);
      const tripped = guarded && within(guard, at);
      const wobble = (salt: string): number => (noise(at, `${r.id}:${salt}`) - 0.5) * 0.08;
      const clones = RATES.clones * load * seconds;
      const refs = r.plugin.refsSupported ? RATES.ciPolls * load * seconds : 0;
      const cloneRatio = tripped ? 0 : 0.62 + 0.18 * ciLoad(at) + wobble('clone');
      const refsRatio = tripped ? 0 : 0.8 + 0.12 * ciLoad(at) + wobble('refs');
      const clone = split(clones, cloneRatio);
      const counts: PastCachePoll['counts'] = { clone };
      let all = { ...clone };
      if (r.plugin.refsSupported) {
        counts.refs = split(refs, refsRatio);
        all = { hits: all.hits + counts.refs.hits, misses: all.misses + counts.refs.misses };
      }
      counts.all = all;
      if (r.plugin.listsRepositories) {
        // Git protocol v2 clients are the newer CI agents, which fetch more often and hit a little more.
        const lookups = all.hits + all.misses;
        const ratio = lookups > 0 ? all.hits / lookups : 0;
        counts.v2 = split(lookups * 0.55, tripped ? 0 : ratio + 0.04);
        counts.v1 = split(lookups * 0.45, tripped ? 0 : ratio - 0.05);
      }
      const recent = at >= span.to - RECENT_SPAN_MS;
      const repositories = recent
        ? busiest
            .map(({ repo, share }) => ({ projectKey: repo.project.key, repoSlug: repo.slug, ...split((clones + refs) * share, cloneRatio) }))
            .filter((x) => x.hits + x.misses > 0)
        : [];
      // The cache fills in the working day and expires overnight.
      const sizeBytes = Math.round(r.plugin.cacheBytes * (0.7 + 0.3 * ciLoad(at)));
      polls.push({ area: 'cache', primaryId: r.id, at, durationMs: Math.round(30 + 50 * noise(at, r.id)), seconds, counts, sizeBytes, repositories });
    }
    if (guarded && guard.from >= span.from) events.push(diskGuardEvent(r, true, guard.from), diskGuardEvent(r, false, guard.to));
  });
  return { polls, events };
}

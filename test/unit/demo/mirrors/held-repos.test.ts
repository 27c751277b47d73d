import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DemoRepo } from '../../../../electron/demo/catalog';
import type { DemoMirror } from '../../../../electron/demo/mirrors/mirror-model';
import { apply, step, world } from './mirror-world';

// DemoMirror.heldBy keeps one pass over the catalog until something it depends on changes; the
// reference is what the simulator did before: ask `holds` of every repository at every read.

/** The reads before heldBy (its fallback, kept): every repository asked, in catalog order. */
function reference(mirror: DemoMirror, now: number): { progress: object; held: number[][] } {
  mirror.heldBy = () => null;
  const repos = mirror.feed.primary.catalog.repos;
  const held = mirror.nodes.map((n) => repos.filter((r) => mirror.holds(r, n.name, now)).map((r) => r.id));
  return { progress: mirror.progress(now), held };
}

function cached(mirror: DemoMirror, now: number): { progress: object; held: number[][] } {
  const progress = mirror.progress(now);
  const held = mirror.nodes.map((n) => {
    const h = mirror.heldBy(n.name, now);
    const repos: readonly DemoRepo[] = h?.repos ?? mirror.feed.primary.catalog.repos.filter((r) => mirror.holds(r, n.name, now));
    return repos.map((r) => r.id);
  });
  return { progress, held };
}

describe('DemoMirror.heldBy', () => {
  it('answers what asking every repository answers, through time, faults, selections and new repositories', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 40 }), (synchronizedAtStart, steps) => {
        const a = world(synchronizedAtStart);
        const b = world(synchronizedAtStart);
        for (const s of steps) {
          apply(a, s);
          apply(b, s);
          expect(cached(a.mirror, a.clock.now)).toEqual(reference(b.mirror, b.clock.now));
        }
      }),
      { numRuns: 150 },
    );
  });
});

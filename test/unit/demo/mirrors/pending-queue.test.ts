import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DemoMirror } from '../../../../electron/demo/mirrors/mirror-model';
import { apply, step, world } from './mirror-world';

// DemoMirror.pending (the farm's ref-changes queue, its count and the delayed list) skips a node
// that has applied a repository's latest push without building its entry; the reference is what
// the simulator did before: build every node's entry of every repository pushed to.

function queue(mirror: DemoMirror, now: number): Array<{ id: number; since: number; attempts: number }> {
  return mirror.pending(now).map((p) => ({ id: p.repo.id, since: p.since, attempts: p.attempts }));
}

function withoutShortcut(mirror: DemoMirror): DemoMirror {
  (mirror as unknown as { appliedAll: () => boolean }).appliedAll = () => false;
  return mirror;
}

describe('DemoMirror.pending', () => {
  it('answers what building every node entry answers, through time, faults, selections and pushes', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 40 }), (synchronizedAtStart, steps) => {
        const a = world(synchronizedAtStart);
        const b = world(synchronizedAtStart);
        withoutShortcut(b.mirror);
        for (const s of steps) {
          apply(a, s);
          apply(b, s);
          const got = queue(a.mirror, a.clock.now);
          expect(got).toEqual(queue(b.mirror, b.clock.now));
          if (got.length > 0) nonEmpty += 1;
        }
      }),
      { numRuns: 200 },
    );
    // The property says nothing unless some queues held something.
    expect(nonEmpty).toBeGreaterThan(50);
  });
});

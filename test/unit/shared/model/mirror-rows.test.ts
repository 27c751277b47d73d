import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMirrorRepoRow, mirrorRepoRowSchema, mirrorRepoRowsSchema, REPO_SYNC_STATES } from '../../../../shared/model/mirror';

const good = {
  repoId: '42',
  projectKey: 'PLAT',
  projectId: '1',
  slug: 'api',
  state: 'FAILING',
  nodes: [
    { state: 'IN_SYNC', lastSyncAt: 1_700_000_000_000, initialSyncAt: null, failedSyncCount: 0, reason: 'Hashes match the primary' },
    { state: 'FAILING', lastSyncAt: null, initialSyncAt: 1_600_000_000_000, failedSyncCount: 3, reason: 'Content hash differs' },
  ],
};

// Values near a row: each field either right or one of the ways it goes wrong.
const text = fc.oneof(fc.string(), fc.constant(null), fc.integer(), fc.constant(undefined));
const at = fc.oneof(fc.double(), fc.constant(null), fc.string(), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY));
const state = fc.oneof(fc.constantFrom(...REPO_SYNC_STATES), fc.string(), fc.constant(null));
const count = fc.oneof(fc.integer(), fc.constant(null), fc.double(), fc.constant(2 ** 60), fc.string());
const cell = fc.oneof(fc.record({ state, lastSyncAt: at, initialSyncAt: at, failedSyncCount: count, reason: text }), fc.constant(null), fc.constant('cell'));
const row = fc.oneof(
  fc.record({ repoId: text, projectKey: text, projectId: text, slug: text, state, nodes: fc.oneof(fc.array(cell, { maxLength: 4 }), fc.constant(null)) }),
  fc.constant(null),
  fc.array(fc.integer()),
);

describe('the mirror table rows checked by a plain loop', () => {
  it('accept a good row and reject the same things zod rejects', () => {
    expect(isMirrorRepoRow(good)).toBe(true);
    fc.assert(
      fc.property(row, (v) => {
        expect(isMirrorRepoRow(v)).toBe(mirrorRepoRowSchema.safeParse(v).success);
      }),
      { numRuns: 2_000 },
    );
    // And every well-formed row (rare among the values above) is accepted by both.
    const okAt = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
    const okCell = fc.record({
      state: fc.constantFrom(...REPO_SYNC_STATES),
      lastSyncAt: okAt,
      initialSyncAt: okAt,
      failedSyncCount: fc.oneof(fc.integer(), fc.constant(null)),
      reason: fc.string(),
    });
    const okText = fc.oneof(fc.string(), fc.constant(null));
    fc.assert(
      fc.property(
        fc.record({
          repoId: fc.string(),
          projectKey: okText,
          projectId: okText,
          slug: okText,
          state: fc.constantFrom(...REPO_SYNC_STATES),
          nodes: fc.array(okCell, { maxLength: 4 }),
        }),
        (v) => {
          expect(isMirrorRepoRow(v)).toBe(true);
          expect(mirrorRepoRowSchema.safeParse(v).success).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a window with one bad row is refused with a message naming what a row holds', () => {
    const parsed = mirrorRepoRowsSchema.safeParse([good, { ...good, state: 'GREEN' }]);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/mirror repository rows/);
    expect(mirrorRepoRowsSchema.safeParse([good, good]).success).toBe(true);
  });
});

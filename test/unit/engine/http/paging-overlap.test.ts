import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peekNextStart } from '../../../../electron/engine/http/page-peek';
import { walkPages } from '../../../../electron/engine/http/paging';

/** Strings that look like JSON structure and paging keys, to trip a reader that looks in the wrong place. */
const tricky = fc.oneof(fc.constantFrom('"isLastPage":false', '"nextPageStart":7', '],"start":0', '}', ']', '\\', '"', 'é中'), fc.string({ maxLength: 8 }));
const entity = fc.dictionary(
  fc.constantFrom('slug', 'isLastPage', 'nextPageStart', 'values', 'x'),
  fc.oneof(tricky, fc.nat(), fc.boolean(), fc.constant(null)),
  {
    maxKeys: 4,
  },
);

const envelope = fc.record(
  {
    size: fc.nat(1000),
    limit: fc.nat(1000),
    isLastPage: fc.oneof(fc.boolean(), fc.constantFrom<unknown>(null, 'false', 0)),
    values: fc.oneof(fc.array(entity, { maxLength: 3 }), fc.constantFrom<unknown>(5, null, { isLastPage: false, nextPageStart: 9 })),
    start: fc.nat(1000),
    filter: fc.oneof(fc.constant(null), tricky),
    nextPageStart: fc.oneof(fc.nat(10_000), fc.constantFrom<unknown>(-1, 1.5, '12', null, 2 ** 60)),
  },
  { requiredKeys: ['values'] },
);

describe('peekNextStart: the next start from a page’s first and last bytes', () => {
  it('property: names no start but the page’s own nextPageStart of a page that is not the last, whatever the order of its keys', () => {
    fc.assert(
      fc.property(envelope, fc.infiniteStream(fc.nat()), fc.boolean(), fc.boolean(), (page, order, pretty, bom) => {
        const keys = Object.keys(page);
        const shuffled = keys.map((k) => [k, order.next().value] as const).sort((a, b) => a[1] - b[1]);
        const reordered = Object.fromEntries(shuffled.map(([k]) => [k, (page as Record<string, unknown>)[k]]));
        const text = (bom ? '\ufeff' : '') + JSON.stringify(reordered, null, pretty ? 2 : undefined);
        const peeked = peekNextStart(Buffer.from(text, 'utf8'));
        if (peeked !== null) {
          expect(page.isLastPage).toBe(false);
          expect(peeked).toBe(page.nextPageStart);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads Bitbucket’s own layout: isLastPage before the values, nextPageStart after', () => {
    const page = { size: 2, limit: 2, isLastPage: false, values: [{ slug: 'a]' }, { slug: '"nextPageStart":1' }], start: 0, filter: null, nextPageStart: 2 };
    expect(peekNextStart(Buffer.from(JSON.stringify(page)))).toBe(2);
    expect(peekNextStart(Buffer.from(JSON.stringify(page, null, 2)))).toBe(2);
    expect(peekNextStart(Buffer.from(JSON.stringify({ ...page, isLastPage: true })))).toBeNull();
    expect(peekNextStart(Buffer.from(JSON.stringify(page).slice(0, -1)))).toBeNull();
    expect(peekNextStart(Buffer.from('<html>Log in</html>'))).toBeNull();
    // A key given twice: the last one counts, as in JSON.parse.
    expect(peekNextStart(Buffer.from('{"isLastPage":true,"isLastPage":false,"values":[],"nextPageStart":3,"nextPageStart":5}'))).toBe(5);
    expect(peekNextStart(Buffer.from('{"isLastPage":false,"values":[],"nextPageStart":3,"isLastPage":true}'))).toBeNull();
  });
});

type Step = { kind: 'step'; by: number } | { kind: 'last' } | { kind: 'loop' } | { kind: 'not-a-page' } | { kind: 'fails' };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }).map((by) => ({ kind: 'step' as const, by })) },
  fc.constantFrom<Step>({ kind: 'last' }, { kind: 'loop' }, { kind: 'not-a-page' }, { kind: 'fails' }),
);
/** What the bytes of a page say of its next start: right, nothing, or any start (wrong when it differs). */
const peekArb = fc.oneof(fc.constant<'right'>('right'), fc.constant(null), fc.integer({ min: -1, max: 12 }));

function source(steps: readonly Step[]) {
  const stepAt = (start: number): Step => steps[Math.min(start, steps.length - 1)]!;
  return (start: number): unknown => {
    const s = stepAt(start);
    if (s.kind === 'fails') throw new Error(`network down at ${start}`);
    if (s.kind === 'not-a-page') return { values: 5, isLastPage: false, nextPageStart: start + 1 };
    if (s.kind === 'last') return { values: [start], isLastPage: true };
    return { values: [start], isLastPage: false, nextPageStart: s.kind === 'loop' ? start : start + s.by };
  };
}

async function walk(steps: readonly Step[], peeks: readonly ('right' | null | number)[] | null, maxPages: number) {
  const body = source(steps);
  const fetched: { start: number; signal: AbortSignal | undefined }[] = [];
  const read: unknown[] = [];
  const fetchPage = async (q: Record<string, unknown>, signal?: AbortSignal) => {
    const start = Number(q['start']);
    fetched.push({ start, signal });
    await Promise.resolve();
    const b = body(start);
    if (peeks === null) return { status: 200, body: b, bytes: 10, durationMs: 1 };
    const peek = peeks[Math.min(start, peeks.length - 1)] ?? null;
    const own = (b as { nextPageStart?: unknown }).nextPageStart;
    return { status: 200, bytes: 10, durationMs: 1, read: () => b, nextStart: peek === 'right' ? (typeof own === 'number' ? own : null) : peek };
  };
  let outcome: unknown;
  try {
    outcome = await walkPages(fetchPage, {
      url: 'https://bb.example.com/rest/api/1.0/repos',
      query: {},
      limit: 1,
      maxPages,
      onPage: (values) => void read.push(...values),
    });
  } catch (err) {
    outcome = `threw: ${(err as Error).message}`;
  }
  const kept = fetched.filter((f) => !f.signal?.aborted).map((f) => f.start);
  return { outcome, read, kept, dropped: fetched.length - kept.length };
}

describe('walkPages asking for the next page before reading this one', () => {
  it('property: reads the same pages, gives the same result or error and keeps the same requests as the walk that reads first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 8 }),
        fc.array(peekArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        async (steps, peeks, maxPages) => {
          const reference = await walk(steps, null, maxPages);
          const ahead = await walk(steps, peeks, maxPages);
          expect(ahead.outcome).toEqual(reference.outcome);
          expect(ahead.read).toEqual(reference.read);
          expect(ahead.kept).toEqual(reference.kept);
          // When every page names its next start rightly, nothing is asked for in vain.
          if (peeks.every((p) => p === 'right') && !steps.some((s) => s.kind === 'fails' || s.kind === 'not-a-page')) expect(ahead.dropped).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVENTORY_PAGE, inventoryFold } from '../../../../electron/engine/bitbucket/inventory';
import { leanJson, LeanJsonError, type LeanShape } from '../../../../electron/engine/http/lean-json';

/** What the lean read must give: JSON.parse's value, cut down to the shape. */
function project(v: unknown, shape: LeanShape): unknown {
  if (shape === true) return v;
  if (Array.isArray(shape)) return Array.isArray(v) ? v.map((x) => project(x, shape[0] as LeanShape)) : v;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  // As JSON.parse makes it: `__proto__` an own key, not the prototype.
  const put = (k: string, x: unknown) => Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  const named = shape as Record<string, LeanShape>;
  for (const [k, sub] of Object.entries(named)) {
    if (k !== '*' && Object.prototype.hasOwnProperty.call(v, k)) put(k, project((v as Record<string, unknown>)[k], sub));
  }
  // '*': every key the shape does not name, with that shape.
  const rest = named['*'];
  if (rest !== undefined) for (const [k, x] of Object.entries(v)) if (!Object.hasOwn(named, k) || k === '*') put(k, project(x, rest));
  return out;
}

const shapeArb: fc.Arbitrary<LeanShape> = fc.letrec<{ shape: LeanShape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(true as const),
    fc.dictionary(fc.oneof(fc.constantFrom('a', 'b', 'id', 'é', 'k"q', '\\', '*'), fc.string({ maxLength: 3 })), tie('shape'), { maxKeys: 4 }),
    tie('shape').map((s) => [s] as const),
  ),
})).shape;

/** Values whose objects often carry the keys the shapes name. */
const valueArb = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom('a', 'b', 'id', 'é', 'k"q', '\\', '*', '__proto__'), fc.string({ maxLength: 3 })), tie('v'), { maxKeys: 5 }),
  ),
})).v;

describe('lean JSON: only the parts a caller uses, from the bytes', () => {
  it('gives what JSON.parse gives for the kept parts, compact or pretty-printed, for any value and shape', () => {
    fc.assert(
      fc.property(valueArb, shapeArb, fc.boolean(), (value, shape, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(leanJson(Buffer.from(text, 'utf8'), shape)).toEqual(project(JSON.parse(text), shape));
      }),
      { numRuns: 500 },
    );
  });

  it('reads strings of any length and content and numbers of any form as JSON.parse does, kept or stepped over', () => {
    // Strings short and long (a byte loop reads the first bytes, a native search the rest), with
    // escapes and non-ASCII anywhere; numbers as integers of every size, signed, and fractions.
    const text = fc.string({
      unit: fc.oneof(fc.constantFrom('"', '\\', '\n', 'é', '中', '😀', '\u0000'), fc.string({ minLength: 1, maxLength: 1 })),
      maxLength: 80,
    });
    const number = fc.oneof(
      fc.nat(),
      fc.integer(),
      fc.maxSafeNat(),
      fc.integer().map((n) => n / 8),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -0, 1e21, 2 ** 53 + 2),
    );
    const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
    const entity = fc.dictionary(
      fc.oneof(fc.constantFrom('slug', 'id', 'name', 'project'), text),
      fc.oneof(scalar, fc.dictionary(fc.constantFrom('key', 'id', 'x'), scalar)),
      {
        maxKeys: 6,
      },
    );
    const shape: LeanShape = { values: [{ slug: true, id: true, name: true, project: { key: true, id: true } }], n: true };
    fc.assert(
      fc.property(fc.array(entity, { maxLength: 6 }), number, (values, n) => {
        const body = JSON.stringify({ values, n });
        expect(leanJson(Buffer.from(body, 'utf8'), shape)).toEqual(project(JSON.parse(body), shape));
      }),
      { numRuns: 500 },
    );
  });

  it('reads an inventory page into the same repositories and counts as a full parse, escapes and a byte-order mark included', () => {
    const repo = (id: number, over: Record<string, unknown> = {}) => ({
      slug: `repo-${id}`,
      id,
      name: `Repo "${id}" \u00e9\u4e2d`,
      description: 'quotes " and \\ backslashes, a } and a ]',
      hierarchyId: 'abc',
      scmId: 'git',
      state: id % 3 === 0 ? 'OFFLINE' : 'AVAILABLE',
      forkable: true,
      project: { key: id % 2 ? 'PLAT' : 'W\u00c9B', id: id % 2, name: 'Plat\u00e9forme', description: null, links: { self: [{ href: 'https://x/p' }] } },
      public: false,
      archived: id % 4 === 0,
      links: { clone: [{ href: `https://x/scm/plat/repo-${id}.git`, name: 'http' }], self: [{ href: 'https://x' }] },
      ...over,
    });
    const page = { size: 4, limit: 1000, isLastPage: false, start: 0, nextPageStart: 4, values: [repo(1), repo(2), repo(3, { state: null }), repo(4)] };
    const text = '\ufeff' + JSON.stringify(page, null, 1);
    const lean = leanJson(Buffer.from(text, 'utf8'), INVENTORY_PAGE) as { values: unknown[]; isLastPage: boolean; nextPageStart: number };
    expect([lean.isLastPage, lean.nextPageStart]).toEqual([false, 4]);
    const a = inventoryFold();
    a.page(page.values);
    const b = inventoryFold();
    b.page(lean.values);
    expect(b.repos).toEqual(a.repos);
    expect(b.counts()).toEqual(a.counts());
  });

  it('refuses what is not JSON (truncated, an HTML page, trailing bytes, a bad literal), so the caller parses it the ordinary way', () => {
    const bad = ['{"values":[{"id":1', '<html><body>Log in</body></html>', '{"values":[]} x', '{"values":[{"id":nope}]}', '{"a" 1}', ''];
    for (const text of bad) expect(() => leanJson(Buffer.from(text), INVENTORY_PAGE), text).toThrow(LeanJsonError);
  });
});

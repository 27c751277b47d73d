import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, diffJson } from '../../../../shared/logic/json-patch';
import { snapshotSchema } from '../../../../shared/model/snapshot';
import { makeNode, makePrimary, makeSnapshot, T0 } from '../../../helpers/snapshot-fixtures';

/** What JSON keeps of a value (undefined keys dropped), the form both transports agree on. */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

// Snapshot-like values: objects, lists that grow and shrink, nulls, and keys that come and go.
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.string({ maxLength: 6 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'id', 'nodes', '__proto__'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('json patch', () => {
  it('applying the diff of any two values reproduces the second, as JSON', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(asJson(applyJsonPatch(a, diffJson(a, b)))).toEqual(asJson(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves the base untouched and shares what did not change', () => {
    const a = { keep: { deep: [1, 2] }, change: { x: 1 } };
    const frozen = structuredClone(a);
    const b = applyJsonPatch(a, diffJson(a, { keep: a.keep, change: { x: 2 } })) as typeof a;
    expect(a).toEqual(frozen);
    expect(b.keep).toBe(a.keep);
    expect(b.change).toEqual({ x: 2 });
  });

  it('is empty for equal values and treats undefined as absent', () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
    expect(diffJson({ a: 1, u: undefined }, { a: 1 })).toEqual([]);
    expect(diffJson({ a: 1, u: 2 }, { a: 1, u: undefined })).toEqual([{ op: 'd', p: ['u'] }]);
  });

  it('carries one poll of one target as a few leaves', () => {
    const primaries = Array.from({ length: 10 }, (_, i) =>
      makePrimary({ id: `p${i}`, name: `Primary ${i}`, lastPollAt: T0, nodes: [makeNode(), makeNode({ id: 'n2' })] }),
    );
    const before = makeSnapshot({ primaries });
    const after = snapshotSchema.parse({
      ...before,
      generatedAt: T0 + 15_000,
      primaries: primaries.map((p, i) => (i === 3 ? { ...p, lastPollAt: T0 + 15_000 } : p)),
    });
    const ops = diffJson(before, after);
    expect(ops).toEqual([
      { op: 's', p: ['generatedAt'], v: T0 + 15_000 },
      { op: 's', p: ['primaries', 3, 'lastPollAt'], v: T0 + 15_000 },
    ]);
    expect(applyJsonPatch(before, ops)).toEqual(after);
  });

  it('refuses a patch that does not fit its base', () => {
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 's', p: ['a', 'b', 'c'], v: 1 }])).toThrow(/does not fit this snapshot/);
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 't', p: ['a'], n: 0 }])).toThrow(/not a list/);
    // `__proto__` is a key like any other, never a way to the prototype.
    expect(() => applyJsonPatch({}, [{ op: 's', p: ['__proto__', 'polluted'], v: 1 }])).toThrow(/does not fit/);
    const patched = applyJsonPatch({}, [{ op: 's', p: ['__proto__'], v: { polluted: 1 } }]) as Record<string, unknown>;
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

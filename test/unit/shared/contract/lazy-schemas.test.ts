import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REQUEST_NAMES, requestSchemas } from '../../../../shared/contract';
import { joinSchemas, lazySchemas } from '../../../../shared/contract/lazy-schemas';

describe('lazy request schemas', () => {
  it('builds a group once, when one of its requests is first read', () => {
    let builds = 0;
    const group = lazySchemas(['a', 'b'] as const, () => {
      builds += 1;
      return { a: { args: z.object({}), result: z.string() }, b: { args: z.object({}), result: z.number() } };
    });
    const joined = joinSchemas(
      group,
      lazySchemas(['c'] as const, () => ({ c: { args: z.object({}), result: z.boolean() } })),
    );
    expect(Object.keys(joined)).toEqual(['a', 'b', 'c']);
    expect(builds).toBe(0);
    expect(joined.a.result.parse('x')).toBe('x');
    expect(joined.b.result.safeParse('x').success).toBe(false);
    expect(joined.a).toBe(group.a);
    expect(builds).toBe(1);
  });

  it('the contract holds every request name, each with its own args and result schemas', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...REQUEST_NAMES].sort());
    for (const name of REQUEST_NAMES) {
      expect(requestSchemas[name].args).toBeInstanceOf(z.ZodType);
      expect(requestSchemas[name].result).toBeInstanceOf(z.ZodType);
      expect(requestSchemas[name]).toBe(requestSchemas[name]);
    }
  });
});

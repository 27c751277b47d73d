import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardConfig } from '../../../../electron/engine/config/shard';
import { fleetConfigSchema } from '../../../../electron/engine/config/fleet-config-schema';

describe('--shard I/N', () => {
  it('reads I/N and refuses anything else, saying what it takes', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/2', '3/2', '2', '1/0', 'a/b', '1/2/3', '-1/2', '1/1001']) expect(() => parseShard(bad)).toThrow(/--shard takes I\/N/);
  });

  it('puts every target in exactly one shard of N, and always the same one', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 16 }), (id, count) => {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(id, { index, count }));
        expect(owners).toHaveLength(1);
        expect(inShard(id, { index: owners[0]!, count })).toBe(true);
      }),
    );
  });

  it('splits hundreds of primaries roughly evenly', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `primary-${i}`);
    for (let index = 1; index <= 4; index++) {
      const n = ids.filter((id) => inShard(id, { index, count: 4 })).length;
      expect(n).toBeGreaterThan(70);
      expect(n).toBeLessThan(130);
    }
  });

  it('keeps its primaries and storage sources in the config, and the rest of it as it was', () => {
    const config = fleetConfigSchema.parse({
      pollIntervalSeconds: 30,
      primaries: Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, name: `P${i}`, baseUrl: `https://p${i}.example.com` })),
    });
    const a = shardConfig(config, { index: 1, count: 2 });
    const b = shardConfig(config, { index: 2, count: 2 });
    expect(a.pollIntervalSeconds).toBe(30);
    expect([...a.primaries, ...b.primaries].map((p) => p.id).sort()).toEqual(config.primaries.map((p) => p.id).sort());
    expect(a.primaries.filter((p) => b.primaries.includes(p))).toEqual([]);
    expect(shardConfig(config, undefined)).toBe(config);
  });
});

import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../../shared/contract';
import { MAX_SERIES_PER_READ } from '../../../../shared/contract/series-requests';

const result = requestSchemas.getSeries.result;
const args = requestSchemas.getSeries.args;

describe('the getSeries contract', () => {
  it('takes lines of the four history reads, each with its own arguments, and refuses others', () => {
    const ok = args.safeParse({ rangeSeconds: 60, series: [{ request: 'getStorageHistory', storageId: 's', volume: 'v', metric: 'heal.pending' }] });
    expect(ok.success).toBe(true);
    expect(args.safeParse({ rangeSeconds: 60, series: [{ request: 'getRepositoryHistory', primaryId: 'p' }] }).success).toBe(false);
    expect(args.safeParse({ rangeSeconds: 60, series: [{ request: 'getHistory', targetId: 'p', metric: 'mirror.lagSeconds' }] }).success).toBe(false);
    expect(args.safeParse({ rangeSeconds: 60, series: [{ request: 'getCacheHistory', primaryId: 'p', field: 'all', extra: 1 }] }).success).toBe(false);
    expect(args.safeParse({ rangeSeconds: 60, series: [] }).success).toBe(false);
    const many = Array.from({ length: MAX_SERIES_PER_READ + 1 }, () => ({ request: 'getHistory', targetId: 'p', metric: 'nodes.up' }));
    expect(args.safeParse({ rangeSeconds: 60, series: many }).success).toBe(false);
  });

  it('checks every point of an answer, without copying it', () => {
    const points = Array.from({ length: 5_000 }, (_, i): [number, number] => [i * 1000, i / 10]);
    const parsed = result.parse({ series: [{ points }, { error: 'No target with id "x".' }] });
    expect((parsed.series[0] as { points: unknown }).points).toBe(points);
  });

  it('refuses an answer with a point that is not two finite numbers', () => {
    for (const bad of [[[1, 2, 3]], [[1, '2']], [[1, null]], [[Number.NaN, 1]], [1, 2], 'points', [[1, Number.POSITIVE_INFINITY]]]) {
      const parsed = result.safeParse({ series: [{ points: [[0, 0], ...(Array.isArray(bad) ? bad : [bad])] }] });
      expect(parsed.success, JSON.stringify(bad)).toBe(false);
    }
    expect(result.safeParse({ series: [{ points: 'points' }] }).success).toBe(false);
  });
});

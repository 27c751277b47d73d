import { describe, expect, it, vi } from 'vitest';
import { withOlderHistory, type RangeQuery } from '../../../../electron/engine/history/prometheus-history';

const NOW = 1_800_000_000_000;

describe('history older than the local store, from Prometheus', () => {
  it('asks only for the part of the range before the first local point, and merges', async () => {
    const local: [number, number][] = [
      [NOW - 60_000, 5],
      [NOW, 6],
    ];
    const query = vi.fn<RangeQuery>(async (_expr, start, end) => [
      [start, 1],
      [end, 2],
      // Inside the local span: the local point wins.
      [NOW - 30_000, 99],
    ]);
    const points = await withOlderHistory({ local, expr: 'up', rangeSeconds: 3600, maxPoints: 600, now: NOW, query });
    expect(query).toHaveBeenCalledWith('up', NOW - 3_600_000, NOW - 60_001, 6);
    expect(points).toEqual([[NOW - 3_600_000, 1], [NOW - 60_001, 2], ...local]);
  });

  it('does not ask when the local store covers the range, the metric has no series, or no Prometheus is named', async () => {
    const query = vi.fn<RangeQuery>(async () => []);
    const local: [number, number][] = [[NOW - 3_598_000, 1]];
    expect(await withOlderHistory({ local, expr: 'up', rangeSeconds: 3600, maxPoints: 600, now: NOW, query })).toBe(local);
    expect(await withOlderHistory({ local: [], expr: null, rangeSeconds: 3600, maxPoints: 600, now: NOW, query })).toEqual([]);
    expect(await withOlderHistory({ local: [], expr: 'up', rangeSeconds: 3600, maxPoints: 600, now: NOW, query: undefined })).toEqual([]);
    expect(query).not.toHaveBeenCalled();
  });

  it('downsamples the merged points to the chart width', async () => {
    const query: RangeQuery = async (_e, start, end, step) =>
      Array.from({ length: Math.floor((end - start) / (step * 1000)) }, (_, i) => [start + i * step * 1000, i % 7]);
    const points = await withOlderHistory({ local: [[NOW, 1]], expr: 'up', rangeSeconds: 86_400, maxPoints: 100, now: NOW, query });
    expect(points).toHaveLength(100);
    expect(points.at(-1)).toEqual([NOW, 1]);
  });

  it('builds a step-dependent expression for the step of the query', async () => {
    const query = vi.fn<RangeQuery>(async () => []);
    await withOlderHistory({ local: [], expr: (step) => `rate(x[${step}s])`, rangeSeconds: 86_400, maxPoints: 100, now: NOW, query });
    expect(query).toHaveBeenCalledWith('rate(x[864s])', NOW - 86_400_000, NOW - 1, 864);
  });
});

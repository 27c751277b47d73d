import { describe, expect, it, vi } from 'vitest';
import { FleetApiError, requestSchemas } from '../../../../shared/contract';
import { seriesReadHandler } from '../../../../electron/engine/history/series-read';
import type { HandlersOf } from '../../../../electron/engine/handlers';

type Points = Array<[number, number]>;
const pts = (v: number): Points => [
  [1_000, v],
  [2_000, v],
];

const historyReads = () => ({
  getHistory: vi.fn<HandlersOf<'getHistory'>['getHistory']>(async ({ targetId }) => {
    if (targetId === 'gone') throw new FleetApiError('not-found', 'No target with id "gone" in this fleet.');
    return { points: pts(1) };
  }),
  getCacheHistory: vi.fn<HandlersOf<'getCacheHistory'>['getCacheHistory']>(async () => ({ all: pts(0.5), clone: pts(0.6), refs: [], v1: [], v2: [] })),
  getMirrorHistory: vi.fn<HandlersOf<'getMirrorHistory'>['getMirrorHistory']>(async () => ({ points: pts(3) })),
  getStorageHistory: vi.fn<HandlersOf<'getStorageHistory'>['getStorageHistory']>(async () => ({ points: pts(4) })),
});

/** The arguments as the dispatch hands them over: parsed by the contract's own schema. */
const parse = (args: unknown) => requestSchemas.getSeries.args.parse(args);

describe('getSeries: several history lines in one request', () => {
  it('answers each line, in order, through the request it stands for, over the one window', async () => {
    const h = historyReads();
    const { getSeries } = seriesReadHandler(() => h);
    const args = parse({
      rangeSeconds: 7 * 86_400,
      to: 1_800_000_000_000,
      maxPoints: 300,
      series: [
        { request: 'getCacheHistory', primaryId: 'prod-eu', field: 'clone' },
        { request: 'getHistory', targetId: 'prod-eu', metric: 'nodes.up' },
        { request: 'getMirrorHistory', farmId: 'farm', metric: 'mirror.lagSeconds' },
        { request: 'getStorageHistory', storageId: 'gluster', volume: 'bbshared', metric: 'heal.pending' },
      ],
    });
    const caller = { name: 'viewer-token', role: 'viewer' as const };
    const answer = await getSeries(args, caller);
    expect(answer.series).toEqual([{ points: pts(0.6) }, { points: pts(1) }, { points: pts(3) }, { points: pts(4) }]);
    const window = { rangeSeconds: 7 * 86_400, to: 1_800_000_000_000, maxPoints: 300 };
    expect(h.getCacheHistory).toHaveBeenCalledWith({ primaryId: 'prod-eu', ...window }, caller);
    expect(h.getHistory).toHaveBeenCalledWith({ targetId: 'prod-eu', metric: 'nodes.up', ...window }, caller);
    expect(h.getMirrorHistory).toHaveBeenCalledWith({ farmId: 'farm', metric: 'mirror.lagSeconds', ...window }, caller);
    expect(h.getStorageHistory).toHaveBeenCalledWith({ storageId: 'gluster', volume: 'bbshared', metric: 'heal.pending', ...window }, caller);
    expect(requestSchemas.getSeries.result.parse(answer)).toEqual(answer);
  });

  it('reads the cache over at most the 30 days it keeps, the other lines over the whole window', async () => {
    const h = historyReads();
    const { getSeries } = seriesReadHandler(() => h);
    await getSeries(
      parse({
        rangeSeconds: 90 * 86_400,
        series: [
          { request: 'getCacheHistory', primaryId: 'prod-eu', field: 'all' },
          { request: 'getHistory', targetId: 'prod-eu', metric: 'nodes.up' },
        ],
      }),
    );
    expect(h.getCacheHistory.mock.calls[0]![0].rangeSeconds).toBe(30 * 86_400);
    expect(h.getHistory.mock.calls[0]![0].rangeSeconds).toBe(90 * 86_400);
  });

  it('answers a line the engine refuses with its message, and still answers the others', async () => {
    const h = historyReads();
    const { getSeries } = seriesReadHandler(() => h);
    const answer = await getSeries(
      parse({
        rangeSeconds: 3600,
        series: [
          { request: 'getHistory', targetId: 'gone', metric: 'nodes.up' },
          { request: 'getMirrorHistory', farmId: 'farm', metric: 'mirror.lagSeconds' },
        ],
      }),
    );
    expect(answer.series).toEqual([{ error: 'No target with id "gone" in this fleet.' }, { points: pts(3) }]);
  });

  it('fails the request on a fault that is not a refusal, so the dispatch logs it', async () => {
    const h = historyReads();
    h.getMirrorHistory.mockRejectedValue(new TypeError('store closed'));
    const { getSeries } = seriesReadHandler(() => h);
    await expect(
      getSeries(parse({ rangeSeconds: 3600, series: [{ request: 'getMirrorHistory', farmId: 'farm', metric: 'mirror.lagSeconds' }] })),
    ).rejects.toThrow('store closed');
  });

  it('reads the handlers on each call: a reconfigured host answers with its new ones', async () => {
    let h = historyReads();
    const { getSeries } = seriesReadHandler(() => h);
    const args = parse({ rangeSeconds: 3600, series: [{ request: 'getHistory', targetId: 'prod-eu', metric: 'nodes.up' }] });
    await getSeries(args);
    const first = h;
    h = historyReads();
    await getSeries(args);
    expect(first.getHistory).toHaveBeenCalledTimes(1);
    expect(h.getHistory).toHaveBeenCalledTimes(1);
  });
});

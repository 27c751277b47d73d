import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { cacheHistorySchema } from '../model/cache';
import { storageMetricSchema } from '../model/storage';
import { historyMetricSchema, historyWindowArgs } from './history-args';
import { mirrorHistoryMetricSchema } from './mirrors-requests';

const id = z.string().min(1).max(200);
/** The most lines one `getSeries` reads: a view's charts together (the Timeline has about ten). */
export const MAX_SERIES_PER_READ = 100;

/** One line of a `getSeries` read: the history request it stands for, with that request's own arguments less the window. */
export const seriesReadSchema = z.discriminatedUnion('request', [
  z.object({ request: z.literal('getHistory'), targetId: id, metric: historyMetricSchema }).strict(),
  /** One of the cache history's series (`all` is the hit ratio of every request). */
  z.object({ request: z.literal('getCacheHistory'), primaryId: id, field: cacheHistorySchema.keyof() }).strict(),
  z.object({ request: z.literal('getMirrorHistory'), farmId: id, metric: mirrorHistoryMetricSchema }).strict(),
  z.object({ request: z.literal('getStorageHistory'), storageId: id, volume: id, metric: storageMetricSchema }).strict(),
]);
export type SeriesRead = z.infer<typeof seriesReadSchema>;

const isPoint = (p: unknown): boolean => Array.isArray(p) && p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/**
 * [time, value] pairs of finite numbers, checked in one loop without copying: a view's answer of
 * thousands of points validates in a fraction of a millisecond, where a tuple schema builds a new
 * array per point on the renderer's main thread.
 */
export const seriesPointsSchema = z.custom<Array<[number, number]>>((v) => Array.isArray(v) && v.every(isPoint), {
  message: 'expected a list of [time, value] pairs of finite numbers',
});

/** Schema of the batched history read. */
export const seriesRequestSchemas = lazySchemas(
  ['getSeries'] as const,
  () =>
    ({
      /**
       * Several history lines over one window in one request (a view's charts together), each
       * answered as its own request would (`getHistory`, `getCacheHistory`…, Prometheus included),
       * in the order asked. A line that cannot be read (an unknown target) answers `{error}` with
       * what went wrong; the others are still answered.
       */
      getSeries: {
        args: z
          .object({
            series: z.array(seriesReadSchema).min(1).max(MAX_SERIES_PER_READ),
            ...historyWindowArgs,
          })
          .strict(),
        result: z.object({ series: z.array(z.union([z.object({ points: seriesPointsSchema }), z.object({ error: z.string() })])) }),
      },
    }) as const satisfies Record<'getSeries', { args: z.ZodType; result: z.ZodType }>,
);

import { z } from 'zod';

/** The figures the engine keeps per primary (`getHistory`). */
export const historyMetricSchema = z.enum(['poll.durationMs', 'nodes.up', 'nodes.total', 'repos.total', 'status.rank']);

/** The time window of every history read: how far back from its end, and at most how many points (the chart's width) after LTTB. */
export const historyWindowArgs = {
  /** Look back this many seconds from the window's end. */
  rangeSeconds: z
    .number()
    .int()
    .positive()
    .max(90 * 86_400),
  /** The window's end (epoch ms); absent: now, a live chart. A zoomed or paused chart names it. */
  to: z.number().int().min(0).optional(),
  /** Downsample to at most this many points (the chart's width). */
  maxPoints: z.number().int().min(3).max(10_000).default(600),
};

/** The window a history read covers, in epoch ms: `rangeSeconds` back from `to`, or from now. */
export const historyWindow = (args: { rangeSeconds: number; to?: number | undefined }, now: number): { from: number; to: number } => {
  const to = args.to ?? now;
  return { from: to - args.rangeSeconds * 1000, to };
};

import { z } from 'zod';

/** The time window of every history read: how far back from now, and at most how many points (the chart's width) after LTTB. */
export const historyWindowArgs = {
  /** Look back this many seconds from now. */
  rangeSeconds: z
    .number()
    .int()
    .positive()
    .max(90 * 86_400),
  /** Downsample to at most this many points (the chart's width). */
  maxPoints: z.number().int().min(3).max(10_000).default(600),
};

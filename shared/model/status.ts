import { z } from 'zod';

/** Health of any polled target (primary, node, farm, volume). Missing data is `unknown`, never `up`. */
export const targetStatusSchema = z.enum(['up', 'degraded', 'down', 'unknown']);
export type TargetStatus = z.infer<typeof targetStatusSchema>;

/** Why a request or a poll failed, in terms a person can act on. */
export const errorCodeSchema = z.enum([
  'refused',
  'timeout',
  'dns',
  'tls',
  'network',
  'auth',
  /** The Bitbucket instance is not licensed (expired or invalid licence): not a credential problem. */
  'licence',
  'forbidden',
  'not-found',
  'conflict',
  'rate-limited',
  'server-error',
  'http',
  'html',
  'malformed',
  'too-large',
  'invalid-argument',
  'not-available',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const targetErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  httpStatus: z.number().int().nullable(),
  at: z.number(),
});
export type TargetError = z.infer<typeof targetErrorSchema>;

/** Worst-first ordering used wherever statuses are combined. */
export const STATUS_RANK: Record<TargetStatus, number> = { up: 0, unknown: 1, degraded: 2, down: 3 };

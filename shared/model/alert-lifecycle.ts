import { z } from 'zod';

/** Who acknowledged a firing alert, when, and why: the alert stays visible, muted, until it resolves. */
export const alertAckSchema = z.object({ by: z.string(), at: z.number(), note: z.string() });
export type AlertAck = z.infer<typeof alertAckSchema>;

/**
 * Mutes every alert it matches (Alertmanager's silence): a target, a rule, or both. At least one
 * is set, so no silence mutes the whole fleet by accident.
 */
export const silenceMatcherSchema = z
  .object({ targetId: z.string().min(1).max(200).optional(), rule: z.string().min(1).max(200).optional() })
  .strict()
  .refine((m) => m.targetId !== undefined || m.rule !== undefined, { message: 'A silence needs a target, a rule, or both' });
export type SilenceMatcher = z.infer<typeof silenceMatcherSchema>;

export const silenceSchema = z.object({
  id: z.string(),
  matcher: z.object({ targetId: z.string().optional(), rule: z.string().optional() }),
  createdBy: z.string(),
  comment: z.string(),
  startsAt: z.number(),
  endsAt: z.number(),
  /** When an admin ended it before `endsAt` (Unsilence); null while it runs its course. */
  expiredAt: z.number().nullable(),
});
export type Silence = z.infer<typeof silenceSchema>;

/** One firing period of an alert: kept after it resolved, so alerts no longer vanish without a trace. */
export const alertRecordSchema = z.object({
  fingerprint: z.string(),
  targetId: z.string(),
  rule: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  firedAt: z.number(),
  resolvedAt: z.number().nullable(),
  ack: alertAckSchema.nullable(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

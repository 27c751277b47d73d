import { z } from 'zod';

/**
 * Result of an audited action: `started` is written before the request leaves, then `succeeded`
 * or `failed`; `interrupted` when Fleetscope stopped before the answer (found at the next start).
 */
export const auditOutcomeSchema = z.enum(['started', 'succeeded', 'failed', 'interrupted']);

/**
 * One admin action as the audit log keeps it: who (the person at this Fleetscope and the
 * Bitbucket credential used), what, on which target, the result and when. Never a secret.
 */
export const auditEntrySchema = z.object({
  id: z.string(),
  /** The action's contract request name, e.g. `clearCache`. */
  action: z.string(),
  /** The person at the keyboard: OS user and shell, e.g. `alice (desktop)`. */
  actor: z.string(),
  /** The Bitbucket user the request ran as, e.g. `svc-fleetscope`; never the password or token. */
  credential: z.string().nullable(),
  targetId: z.string(),
  /** Human description of the target, e.g. `Production EU — PLAT/payments-api`. */
  target: z.string(),
  /** What the action does, as the confirmation said it. */
  summary: z.string(),
  outcome: auditOutcomeSchema,
  /** Error message when failed; what the fleet answered when it succeeded, if anything useful. */
  detail: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * What every action request answers once the fleet confirmed it; `note` when the next poll did
 * not show the change within the wait (the change was made; the view catches up later).
 */
export const actionResultSchema = z.object({ ok: z.literal(true), auditId: z.string(), note: z.string().optional() });
export type ActionResult = z.infer<typeof actionResultSchema>;

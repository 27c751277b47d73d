import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { alertAckSchema, alertRecordSchema, silenceMatcherSchema, silenceSchema } from '../model/alert-lifecycle';
import { eventBucketListSchema, fleetEventKindSchema, fleetEventListSchema } from '../model/fleet-event';
import { severitySchema } from '../model/snapshot';
import { ALERTS_REQUEST_NAMES } from './alerts-names';

const id = z.string().min(1).max(200);
const epochMs = z.number().int().min(0);
/** The most slices a chart asks for: one per few pixels of a wide screen. */
export const MAX_EVENT_BUCKETS = 2_000;
/** The events a bucket names (the oldest): what a tooltip shows before "and N more". */
export const EVENTS_PER_BUCKET = 2;
/** The longest silence: a week, after which a muted problem must be looked at again. */
export const MAX_SILENCE_SECONDS = 7 * 86_400;

/** Schemas of the events and alert-lifecycle requests, one entry per name in `ALERTS_REQUEST_NAMES`. */
export const alertsRequestSchemas = lazySchemas(
  ALERTS_REQUEST_NAMES,
  () =>
    ({
      /**
       * The fleet's events, newest first (or oldest first with `order: "asc"`, as a time axis draws
       * them): a time range (epoch ms, both ends included), targets, kinds, severities. `truncated`
       * says more matched than `limit`: narrow the range or raise the limit.
       */
      getEvents: {
        args: z
          .object({
            from: epochMs.optional(),
            to: epochMs.optional(),
            targetIds: z.array(id).max(500).optional(),
            kinds: z.array(fleetEventKindSchema).max(20).optional(),
            severities: z.array(severitySchema).max(3).optional(),
            includeDemo: z.boolean().default(true),
            order: z.enum(['asc', 'desc']).default('desc'),
            limit: z.number().int().min(1).max(10_000).default(500),
          })
          .strict(),
        result: z.object({ events: fleetEventListSchema, truncated: z.boolean() }),
      },
      /**
       * The events of a window counted in `buckets` equal slices (a chart's marker columns): each
       * slice that has events, with its count, worst severity and oldest few events, so a chart
       * marks every event of a busy week without reading them all. `subject` keeps the events of
       * that part (a volume) and those of the whole target.
       */
      getEventBuckets: {
        args: z
          .object({
            from: epochMs,
            to: epochMs,
            buckets: z.number().int().min(1).max(MAX_EVENT_BUCKETS),
            targetIds: z.array(id).max(500).optional(),
            subject: z.string().min(1).max(200).optional(),
            kinds: z.array(fleetEventKindSchema).max(20).optional(),
            severities: z.array(severitySchema).max(3).optional(),
            includeDemo: z.boolean().default(true),
          })
          .strict(),
        result: z.object({ buckets: eventBucketListSchema, total: z.number().int().min(0) }),
      },
      /** Firing periods of alerts, newest first, resolved ones included (kept as long as history). */
      getAlertHistory: {
        args: z.object({ from: epochMs.optional(), to: epochMs.optional(), limit: z.number().int().min(1).max(10_000).default(500) }).strict(),
        result: z.object({ alerts: z.array(alertRecordSchema) }),
      },
      /** Acknowledges a firing alert by its fingerprint (its id): muted until it resolves. */
      acknowledgeAlert: {
        args: z.object({ fingerprint: id, note: z.string().max(500).default('') }).strict(),
        result: z.object({ ok: z.literal(true), auditId: z.string(), ack: alertAckSchema }),
      },
      /** Silences every alert the matcher matches (target and/or rule) for a duration. */
      silenceAlerts: {
        args: z
          .object({
            matcher: silenceMatcherSchema,
            durationSeconds: z.number().int().min(1).max(MAX_SILENCE_SECONDS),
            comment: z.string().max(500).default(''),
          })
          .strict(),
        result: z.object({ ok: z.literal(true), auditId: z.string(), silence: silenceSchema }),
      },
      /** Ends a silence now (Unsilence); its alerts notify again if still firing. */
      expireSilence: {
        args: z.object({ silenceId: id }).strict(),
        result: z.object({ ok: z.literal(true), auditId: z.string(), silence: silenceSchema }),
      },
    }) as const satisfies Record<(typeof ALERTS_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);

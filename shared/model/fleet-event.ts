import { z } from 'zod';
import { severitySchema } from './snapshot';

/**
 * What an event is about. Each kind comes from one place: `status` to `sync-state` from the diff
 * of consecutive snapshots (shared/logic/fleet-events.ts), `admin-action` from the audit log,
 * `demo-fault` from the simulated fleet's switches, `probe` from a finished clone probe (one per
 * endpoint), `log-analysis` from a finished access-log analysis.
 */
export const FLEET_EVENT_KINDS = [
  'status',
  'finding-raised',
  'finding-cleared',
  'alert-opened',
  'alert-resolved',
  'cache-switched',
  'cache-ttl',
  'mirror-authorized',
  'mirror-removed',
  'sync-state',
  'admin-action',
  'demo-fault',
  'probe',
  'log-analysis',
] as const;
export const fleetEventKindSchema = z.enum(FLEET_EVENT_KINDS);
export type FleetEventKind = z.infer<typeof fleetEventKindSchema>;

/** An event before the store numbered it. */
export const newFleetEventSchema = z.object({
  at: z.number(),
  kind: fleetEventKindSchema,
  severity: severitySchema,
  /** The top-level target: a primary, a mirror farm, a storage source (what the Timeline filters and charts key on). */
  targetId: z.string(),
  /** The part of the target it is about, when narrower: a node's or volume's name, a cache kind. */
  subject: z.string().nullable(),
  /** One line a person reads on the Timeline, e.g. "bb-node-2 of Production EU: up → down". */
  text: z.string(),
  /** True for the simulated fleet's fault switches, so nobody takes a demo for an incident. */
  demo: z.boolean(),
});
export type NewFleetEvent = z.infer<typeof newFleetEventSchema>;

export const fleetEventSchema = newFleetEventSchema.extend({ id: z.number().int() });
export type FleetEvent = z.infer<typeof fleetEventSchema>;

/**
 * Events of one slice of a time window, as a chart marks them: how many, the worst severity, and
 * the oldest few (a tooltip names them), so a marker costs the same whatever the store holds.
 */
export const eventBucketSchema = z.object({
  /** Which slice: 0 is the window's start, `buckets - 1` its end. */
  index: z.number().int().min(0),
  count: z.number().int().min(1),
  severity: severitySchema,
  events: z.array(fleetEventSchema),
});
export type EventBucket = z.infer<typeof eventBucketSchema>;

const KINDS: ReadonlySet<unknown> = new Set(FLEET_EVENT_KINDS);
const SEVERITIES: ReadonlySet<unknown> = new Set(severitySchema.options);
const isInt = (v: unknown, min: number): boolean => Number.isInteger(v) && (v as number) >= min;

/** `fleetEventSchema`'s rules as one function: no object is built, so a list of them costs a loop. */
export function isFleetEvent(v: unknown): v is FleetEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    Number.isInteger(e.id) &&
    Number.isFinite(e.at) &&
    KINDS.has(e.kind) &&
    SEVERITIES.has(e.severity) &&
    typeof e.targetId === 'string' &&
    (e.subject === null || typeof e.subject === 'string') &&
    typeof e.text === 'string' &&
    typeof e.demo === 'boolean'
  );
}

const isEventBucket = (v: unknown): v is EventBucket => {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Record<string, unknown>;
  return isInt(b.index, 0) && isInt(b.count, 1) && SEVERITIES.has(b.severity) && Array.isArray(b.events) && b.events.every(isFleetEvent);
};

/**
 * Events as the requests answer them, checked in one loop without copying (as `seriesPointsSchema`
 * does for points): zod parses each event into a new object, and an answer of a few hundred
 * buckets and events took ≈ 25 ms of the renderer's main thread at 2× CPU, plus its garbage.
 */
export const fleetEventListSchema = z.custom<FleetEvent[]>((v) => Array.isArray(v) && v.every(isFleetEvent), {
  message: 'expected a list of events (id, at, kind, severity, targetId, subject, text, demo)',
});

/** The buckets of `getEventBuckets`, checked like `fleetEventListSchema`. */
export const eventBucketListSchema = z.custom<EventBucket[]>((v) => Array.isArray(v) && v.every(isEventBucket), {
  message: 'expected a list of event buckets (index, count ≥ 1, severity, events)',
});

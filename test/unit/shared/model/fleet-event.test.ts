import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../../shared/contract';
import { eventBucketListSchema, eventBucketSchema, fleetEventListSchema, fleetEventSchema, type FleetEvent } from '../../../../shared/model/fleet-event';

const event: FleetEvent = {
  id: 7,
  at: 1_700_000_000_000,
  kind: 'status',
  severity: 'warning',
  targetId: 'prod-eu',
  subject: null,
  text: 'node down',
  demo: false,
};
/** One field changed each: some the contract takes (subject as text), most it refuses. */
const variants: Array<Record<string, unknown>> = [
  { subject: 'bb-node-2' },
  { demo: true },
  { id: 7.5 },
  { id: '7' },
  { at: Number.NaN },
  { at: Number.POSITIVE_INFINITY },
  { at: '2026-01-01' },
  { kind: 'reboot' },
  { severity: 'fatal' },
  { targetId: 3 },
  { subject: undefined },
  { subject: 5 },
  { text: null },
  { demo: 'no' },
];

describe('the events lists of the contract (checked in a loop, not parsed)', () => {
  it('takes and refuses what the event schema takes and refuses', () => {
    for (const change of variants) {
      const e = { ...event, ...change };
      expect(fleetEventListSchema.safeParse([event, e]).success, JSON.stringify(change)).toBe(fleetEventSchema.safeParse(e).success);
    }
    for (const bad of [null, 'event', 3, [event]]) expect(fleetEventListSchema.safeParse([bad]).success).toBe(false);
    expect(fleetEventListSchema.safeParse('events').success).toBe(false);
  });

  it('takes and refuses the buckets the bucket schema takes and refuses', () => {
    const bucket = { index: 3, count: 12, severity: 'critical', events: [event] };
    const changes: Array<Record<string, unknown>> = [
      {},
      { events: [] },
      { index: -1 },
      { index: 1.5 },
      { count: 0 },
      { severity: 'bad' },
      { events: [{ ...event, kind: 'reboot' }] },
      { events: 'x' },
    ];
    for (const change of changes) {
      const b = { ...bucket, ...change };
      expect(eventBucketListSchema.safeParse([b]).success, JSON.stringify(change)).toBe(eventBucketSchema.safeParse(b).success);
    }
  });

  it('answers the events of getEvents and getEventBuckets as they came, without copying them', () => {
    const events = Array.from({ length: 500 }, (_, i) => ({ ...event, id: i }));
    expect(requestSchemas.getEvents.result.parse({ events, truncated: false }).events).toBe(events);
    const buckets = [{ index: 0, count: 500, severity: 'info', events: events.slice(0, 2) }];
    expect(requestSchemas.getEventBuckets.result.parse({ buckets, total: 500 }).buckets).toBe(buckets);
    expect(requestSchemas.getEvents.result.safeParse({ events: [...events, { ...event, severity: 'fatal' }], truncated: false }).success).toBe(false);
  });
});

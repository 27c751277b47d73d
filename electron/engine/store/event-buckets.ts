import type Database from 'libsql';
import type { EventBucket, Severity } from '../../../shared/model';
import { EVENTS_PER_BUCKET } from '../../../shared/contract/alerts-requests';
import { EVENT_COLUMNS, eventWhere, toEvent, type EventQuery, type EventRow } from './event-where';

type Db = InstanceType<typeof Database>;

export type EventBucketQuery = Omit<EventQuery, 'order' | 'limit' | 'from' | 'to'> & { from: number; to: number; buckets: number };

const SEVERITY_RANK = "CASE severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END";
const BY_RANK: Severity[] = ['info', 'warning', 'critical'];

/**
 * The events of a window counted per slice in SQLite (one pass over the time index): per slice
 * the count, the worst severity and the oldest few events. The answer is at most `buckets` rows
 * × a few events, however many events the window holds.
 */
export function eventBuckets(db: Db, q: EventBucketQuery): { buckets: EventBucket[]; total: number } {
  if (!(q.to > q.from) || q.buckets < 1) return { buckets: [], total: 0 };
  const { where, params } = eventWhere(q);
  const span = q.to - q.from;
  // Integer slice of each event; the window's last instant belongs to the last slice.
  // Bound numbers arrive as REAL: the cast floors the position to its slice.
  const slice = 'MIN(CAST(? AS INTEGER), CAST(((ts - ?) * ?) / ? AS INTEGER))';
  const sql = `SELECT ${EVENT_COLUMNS}, slice, n, worst FROM (
      SELECT ${EVENT_COLUMNS}, slice,
        ROW_NUMBER() OVER (PARTITION BY slice ORDER BY ts, id) AS nth,
        COUNT(*) OVER (PARTITION BY slice) AS n,
        MAX(rank) OVER (PARTITION BY slice) AS worst
      FROM (SELECT ${EVENT_COLUMNS}, ${slice} AS slice, ${SEVERITY_RANK} AS rank FROM events${where}))
    WHERE nth <= ? ORDER BY slice, ts, id`;
  const rows = db
    .prepare(sql)
    .raw(true)
    .all(q.buckets - 1, q.from, q.buckets, span, ...params, EVENTS_PER_BUCKET) as Array<[...EventRow, number, number, number]>;
  const buckets: EventBucket[] = [];
  let total = 0;
  for (const row of rows) {
    const [index, n, worst] = [Number(row[8]), Number(row[9]), Number(row[10])];
    let last = buckets[buckets.length - 1];
    if (last?.index !== index) {
      last = { index, count: n, severity: BY_RANK[worst] ?? 'info', events: [] };
      buckets.push(last);
      total += n;
    }
    last.events.push(toEvent(row.slice(0, 8) as EventRow));
  }
  return { buckets, total };
}

import type { FleetEvent, FleetEventKind, Severity } from '../../../shared/model';

/** What a Timeline or a script asks of the events: a time range, targets, kinds, severities; newest first unless told. */
export interface EventQuery {
  from?: number | undefined;
  to?: number | undefined;
  targetIds?: readonly string[] | undefined;
  /** Events of this part of the target (a volume) and those of the whole target (no subject). */
  subject?: string | undefined;
  kinds?: readonly FleetEventKind[] | undefined;
  severities?: readonly Severity[] | undefined;
  includeDemo?: boolean | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit: number;
}

export type EventRow = [number, number, string, string, string, string | null, string, number];
export const EVENT_COLUMNS = 'id, ts, kind, severity, target, subject, text, demo';

/** The WHERE clause (with its leading space, or empty) and its parameters for an event query's filters. */
export function eventWhere(q: Omit<EventQuery, 'order' | 'limit'>): { where: string; params: Array<string | number> } {
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  const list = (column: string, values: readonly string[] | undefined): void => {
    if (!values || values.length === 0) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (q.from !== undefined) {
    clauses.push('ts >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    clauses.push('ts <= ?');
    params.push(q.to);
  }
  list('target', q.targetIds);
  list('kind', q.kinds);
  list('severity', q.severities);
  if (q.subject !== undefined) {
    clauses.push('(subject IS NULL OR subject = ?)');
    params.push(q.subject);
  }
  if (q.includeDemo === false) clauses.push('demo = 0');
  return { where: clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}

export const toEvent = ([id, ts, kind, severity, target, subject, text, demo]: EventRow): FleetEvent => ({
  id: Number(id),
  at: Number(ts),
  kind: kind as FleetEventKind,
  severity: severity as Severity,
  targetId: target,
  subject,
  text,
  demo: Number(demo) === 1,
});

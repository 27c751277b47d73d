import type { AlertRecord, AuditEntry, FleetEvent } from '../model';

/**
 * Rows of exported files (Activity's CSV/JSON, the support bundle): times as ISO 8601 in UTC, so a
 * spreadsheet or a script reads them without knowing the exporter's time zone.
 */
export const isoTime = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

export const AUDIT_COLUMNS = ['startedAt', 'finishedAt', 'actor', 'credential', 'action', 'targetId', 'target', 'summary', 'outcome', 'detail', 'id'] as const;
export const auditRows = (entries: readonly AuditEntry[]) => entries.map((e) => ({ ...e, startedAt: isoTime(e.startedAt), finishedAt: isoTime(e.finishedAt) }));

export const EVENT_COLUMNS = ['at', 'severity', 'kind', 'targetId', 'subject', 'text', 'demo', 'id'] as const;
export const eventRows = (events: readonly FleetEvent[]) => events.map((e) => ({ ...e, at: isoTime(e.at) }));

export const ALERT_COLUMNS = ['firedAt', 'resolvedAt', 'severity', 'targetId', 'rule', 'title', 'ackBy', 'ackAt', 'ackNote', 'fingerprint'] as const;
export const alertRows = (alerts: readonly AlertRecord[]) =>
  alerts.map(({ ack, ...a }) => ({
    ...a,
    firedAt: isoTime(a.firedAt),
    resolvedAt: isoTime(a.resolvedAt),
    ackBy: ack?.by ?? '',
    ackAt: isoTime(ack?.at ?? null),
    ackNote: ack?.note ?? '',
  }));

export const HISTORY_COLUMNS = ['at', 'targetId', 'metric', 'value'] as const;

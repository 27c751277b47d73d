import type { AlertRecord, AuditEntry, FleetEvent } from '../../../shared/model';
import { lttb } from '../../../shared/logic/lttb';
import type { IncidentReportData, ReportChart } from '../../../shared/logic/report/incident-html';
import type { TimeRange } from '../../../shared/logic/report/report-range';
import type { AuditLog } from '../audit/audit-log';
import type { HistoryStore } from '../store/history-store';
import { chartSpecs, type ReportTargets } from './report-targets';

/** What a report reads: the history store (events, series, alert records) and the audit log. */
export interface ReportSources {
  store: Pick<HistoryStore, 'events' | 'series' | 'alertRecords'>;
  audit: Pick<AuditLog, 'list'>;
  targets: ReportTargets;
}

/** Bounds that keep a report readable and its file small, however long the range. */
export const REPORT_LIMITS = { events: 2_000, bundleEvents: 10_000, alerts: 1_000, audit: 10_000, chartTargets: 12, chartPoints: 360 } as const;

/** The admin actions begun in a range, oldest first (the audit log reads newest first, by count). */
export function auditInRange(audit: Pick<AuditLog, 'list'>, range: TimeRange, limit: number = REPORT_LIMITS.audit): AuditEntry[] {
  return audit
    .list({ limit })
    .filter((e) => e.startedAt >= range.from && e.startedAt <= range.to)
    .reverse();
}

/** Alerts that fired in a range or were still firing when it began, newest first. */
export const alertsInRange = (store: Pick<HistoryStore, 'alertRecords'>, range: TimeRange): AlertRecord[] =>
  store.alertRecords(0, range.to, REPORT_LIMITS.alerts).filter((a) => a.resolvedAt === null || a.resolvedAt >= range.from);

/** Targets worth a chart: those with an event or an alert in the range, the most eventful first. */
function affectedTargets(events: readonly FleetEvent[], alertTargets: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const id of [...events.map((e) => e.targetId), ...alertTargets]) count.set(id, (count.get(id) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

/** Gathers the report of a range from the stores; rendering is `incidentReportHtml`'s. */
export function gatherReport(
  src: ReportSources,
  range: TimeRange,
  meta: { generatedAt: number; generatedBy: string; timeZone?: string | undefined },
): IncidentReportData {
  const found = src.store.events({ from: range.from, to: range.to, order: 'asc', limit: REPORT_LIMITS.events + 1 });
  const events = found.slice(0, REPORT_LIMITS.events);
  const alerts = alertsInRange(src.store, range).reverse();
  const charts: ReportChart[] = [];
  for (const targetId of affectedTargets(
    events,
    alerts.map((a) => a.targetId),
  ).slice(0, REPORT_LIMITS.chartTargets)) {
    const subjects = events.filter((e) => e.targetId === targetId && e.subject !== null).map((e) => e.subject as string);
    const { name, charts: specs } = chartSpecs(src.targets, targetId, subjects);
    for (const spec of specs) {
      const series = spec.series.map((s) => ({
        name: s.name,
        points: lttb(src.store.series(s.target, s.metric, range.from, range.to), REPORT_LIMITS.chartPoints),
      }));
      // A guessed volume (from an event's subject) with no samples is no chart at all.
      if (series.some((s) => s.points.length > 0)) charts.push({ targetId, targetName: name, title: spec.title, series });
    }
  }
  return {
    ...range,
    ...meta,
    events,
    eventsTruncated: found.length > REPORT_LIMITS.events,
    alerts,
    audit: auditInRange(src.audit, range),
    charts,
  };
}

import type { AlertRecord, AuditEntry, FleetEvent } from '../../model';
import { formatTimestamp } from '../units';
import { esc } from './html';
import { svgChart, svgLegend, type ChartSeries } from './svg-chart';

/** One chart of an affected target: its series over the range, captioned with the unit. */
export interface ReportChart {
  targetId: string;
  targetName: string;
  /** What is drawn, with its unit: "Nodes up (count)", "Mirror lag (s)". */
  title: string;
  series: ChartSeries[];
}

/** Everything an incident report shows; gathered by the engine, rendered here without it. */
export interface IncidentReportData {
  from: number;
  to: number;
  generatedAt: number;
  /** Who produced it: "alice (desktop)". */
  generatedBy: string;
  /** Oldest first, as a timeline reads. */
  events: FleetEvent[];
  eventsTruncated: boolean;
  /** Alerts that fired, or were still firing, in the range. */
  alerts: AlertRecord[];
  /** Admin actions begun in the range, oldest first. */
  audit: AuditEntry[];
  charts: ReportChart[];
  timeZone?: string | undefined;
}

const CSS = `
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;margin:24px;max-width:900px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #cbd5e1;padding-bottom:4px}
h3{font-size:13px;margin:12px 0 4px}.muted{color:#475569}.mono{font-family:ui-monospace,Menlo,Consolas,monospace}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #e2e8f0}
th{background:#f1f5f9}.nowrap{white-space:nowrap}
.sev{display:inline-block;padding:0 6px;border-radius:8px;font-size:11px;font-weight:600}
.sev-critical{background:#fee2e2;color:#991b1b}.sev-warning{background:#fef3c7;color:#92400e}.sev-info{background:#e2e8f0;color:#334155}
.chart{break-inside:avoid;margin-bottom:12px}.axis{font-size:10px;fill:#475569}
.legend{margin-right:12px;font-size:11px}.swatch{display:inline-block;width:10px;height:3px;margin-right:4px;vertical-align:middle}
@page{size:A4;margin:14mm}@media print{body{margin:0}}`;

const sev = (s: string): string => `<span class="sev sev-${esc(s)}">${esc(s)}</span>`;

function eventsSection(d: IncidentReportData, when: (t: number | null) => string): string {
  if (d.events.length === 0) return '<p class="muted">No events in this range.</p>';
  const rows = d.events.map(
    (e) =>
      `<tr><td class="mono nowrap">${when(e.at)}</td><td>${sev(e.severity)}</td><td class="mono">${esc(e.kind)}</td><td>${esc(e.text)}${e.demo ? ' <span class="muted">(demo fault)</span>' : ''}</td></tr>`,
  );
  const more = d.eventsTruncated ? `<p class="muted">Only the first ${d.events.length} events are listed: narrow the range to see the rest.</p>` : '';
  return `<table><thead><tr><th>When</th><th>Severity</th><th>Kind</th><th>What</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`;
}

function chartsSection(d: IncidentReportData): string {
  if (d.charts.length === 0) return '<p class="muted">No chart: no target with an event or alert in this range has samples recorded in it.</p>';
  const byTarget = new Map<string, ReportChart[]>();
  for (const c of d.charts) byTarget.set(c.targetId, [...(byTarget.get(c.targetId) ?? []), c]);
  const markersOf = (targetId: string) => d.events.filter((e) => e.targetId === targetId).map((e) => ({ at: e.at, severity: e.severity, text: e.text }));
  return [...byTarget.entries()]
    .map(([targetId, charts]) => {
      const markers = markersOf(targetId);
      const body = charts.map((c) => {
        const drawn = c.series.some((s) => s.points.length > 0);
        const svg = drawn
          ? svgChart({ from: d.from, to: d.to, series: c.series, markers, unit: c.title, timeZone: d.timeZone })
          : '<p class="muted">No samples recorded in this range.</p>';
        return `<div class="chart"><div class="muted">${esc(c.title)} ${drawn ? svgLegend(c.series) : ''}</div>${svg}</div>`;
      });
      return `<h3>${esc(charts[0]!.targetName)} <span class="muted mono">${esc(targetId)}</span></h3>${body.join('')}`;
    })
    .join('');
}

function alertsSection(d: IncidentReportData, when: (t: number | null) => string): string {
  if (d.alerts.length === 0) return '<p class="muted">No alert fired in this range.</p>';
  const rows = d.alerts.map((a) => {
    const ack = a.ack ? `${esc(a.ack.by)}, ${when(a.ack.at)}${a.ack.note ? `: ${esc(a.ack.note)}` : ''}` : '—';
    return `<tr><td>${sev(a.severity)}</td><td>${esc(a.title)}<div class="muted mono">${esc(a.targetId)} · ${esc(a.rule)}</div></td><td class="mono nowrap">${when(a.firedAt)}</td><td class="mono nowrap">${a.resolvedAt === null ? 'still firing' : when(a.resolvedAt)}</td><td>${ack}</td></tr>`;
  });
  return `<table><thead><tr><th>Severity</th><th>Alert</th><th>Fired</th><th>Resolved</th><th>Acknowledged</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function auditSection(d: IncidentReportData, when: (t: number | null) => string): string {
  if (d.audit.length === 0) return '<p class="muted">No admin action in this range.</p>';
  const rows = d.audit.map(
    (e) =>
      `<tr><td class="mono nowrap">${when(e.startedAt)}</td><td>${esc(e.actor)}${e.credential ? `<div class="muted">as ${esc(e.credential)}</div>` : ''}</td><td>${esc(e.summary)}<div class="muted">${esc(e.target)}</div></td><td>${esc(e.outcome)}${e.detail ? `<div class="muted">${esc(e.detail)}</div>` : ''}</td></tr>`,
  );
  return `<table><thead><tr><th>When</th><th>Who</th><th>What</th><th>Result</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The incident report as one HTML page that needs nothing else to be read or printed: inline CSS,
 * charts as inline SVG, no script. Times in the one format of the app.
 */
export function incidentReportHtml(d: IncidentReportData): string {
  const when = (t: number | null): string => esc(formatTimestamp(t, d.timeZone));
  const title = `Fleetscope incident report, ${formatTimestamp(d.from, d.timeZone)} to ${formatTimestamp(d.to, d.timeZone)}`;
  const counts = `${d.events.length} events, ${d.alerts.length} alerts, ${d.audit.length} admin actions`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<h1>Fleetscope incident report</h1>
<p class="muted">${when(d.from)} to ${when(d.to)} · ${esc(counts)} · made ${when(d.generatedAt)} by ${esc(d.generatedBy)}</p>
<h2>Timeline</h2>${eventsSection(d, when)}
<h2>Charts of the affected targets</h2>${chartsSection(d)}
<h2>Findings and alerts</h2>${alertsSection(d, when)}
<h2>Admin actions</h2>${auditSection(d, when)}
</body></html>
`;
}

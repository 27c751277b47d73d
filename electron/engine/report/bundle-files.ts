import { stringify } from 'yaml';
import { toCsv } from '../../../shared/logic/csv';
import { ALERT_COLUMNS, alertRows, AUDIT_COLUMNS, auditRows, EVENT_COLUMNS, eventRows, HISTORY_COLUMNS, isoTime } from '../../../shared/logic/export-rows';
import { lttb } from '../../../shared/logic/lttb';
import type { TimeRange } from '../../../shared/logic/report/report-range';
import type { AlertRecord, AuditEntry, FleetEvent, Snapshot } from '../../../shared/model';
import type { HistoryStore } from '../store/history-store';
import { chartSpecs, type ReportTargets } from './report-targets';

/** Points per series in the bundle's history: enough to read any change, bounded for a week's range. */
export const BUNDLE_POINTS_PER_SERIES = 2_000;

export interface BundleInput {
  range: TimeRange;
  generatedAt: number;
  generatedBy: string;
  snapshot: Snapshot;
  events: FleetEvent[];
  eventsTruncated: boolean;
  audit: AuditEntry[];
  alerts: AlertRecord[];
  history: Array<{ at: number; targetId: string; metric: string; value: number }>;
  /** The config in force, secrets already replaced by where they come from. */
  config: unknown;
  log: readonly string[];
  reportHtml: string;
}

/** Every stored series of every target (the charts' figures), downsampled, as rows. */
export function historyRows(store: Pick<HistoryStore, 'series'>, targets: ReportTargets, range: TimeRange): BundleInput['history'] {
  const ids = [...targets.primaries, ...targets.farms, ...targets.storage].map((t) => t.id);
  const rows: BundleInput['history'] = [];
  for (const id of ids) {
    for (const spec of chartSpecs(targets, id, []).charts) {
      for (const s of spec.series) {
        for (const [at, value] of lttb(store.series(s.target, s.metric, range.from, range.to), BUNDLE_POINTS_PER_SERIES)) {
          rows.push({ at, targetId: s.target, metric: s.metric, value });
        }
      }
    }
  }
  return rows;
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** The files of a support bundle, by name; `README.txt` says what each holds. */
export function bundleFiles(b: BundleInput): Array<{ name: string; text: string }> {
  const readme = [
    'Fleetscope support bundle',
    `Range: ${isoTime(b.range.from)} to ${isoTime(b.range.to)} (UTC)`,
    `Made: ${isoTime(b.generatedAt)} by ${b.generatedBy}`,
    '',
    'snapshot.json          the fleet as last polled when the bundle was made',
    `events.csv/.json       events of the range, oldest first${b.eventsTruncated ? ' (cut short: narrow the range for the rest)' : ''}`,
    'alerts.csv/.json       alerts that fired, or were firing, in the range',
    'audit.csv/.json        admin actions begun in the range',
    `history.csv/.json      the charts' series of every target in the range, at most ${BUNDLE_POINTS_PER_SERIES} points each (LTTB)`,
    'config.yaml            the config in force; every secret is replaced by where it comes from (${env:…}, ${vault:…}) or <redacted: literal in config>',
    "fleetscope.log         Fleetscope's own log lines (the most recent, bounded)",
    'report.html            the incident report of the range',
    '',
    'Times in the CSV files are ISO 8601 in UTC; in the JSON files, milliseconds since 1970 (UTC).',
  ].join('\n');
  return [
    { name: 'README.txt', text: `${readme}\n` },
    { name: 'snapshot.json', text: json(b.snapshot) },
    { name: 'events.json', text: json(b.events) },
    { name: 'events.csv', text: toCsv(eventRows(b.events), EVENT_COLUMNS) },
    { name: 'alerts.json', text: json(b.alerts) },
    { name: 'alerts.csv', text: toCsv(alertRows(b.alerts), ALERT_COLUMNS) },
    { name: 'audit.json', text: json(b.audit) },
    { name: 'audit.csv', text: toCsv(auditRows(b.audit), AUDIT_COLUMNS) },
    { name: 'history.json', text: json(b.history) },
    {
      name: 'history.csv',
      text: toCsv(
        b.history.map((r) => ({ ...r, at: isoTime(r.at) })),
        HISTORY_COLUMNS,
      ),
    },
    { name: 'config.yaml', text: `# The config in force when the bundle was made; secrets replaced by where they come from.\n${stringify(b.config)}` },
    { name: 'fleetscope.log', text: b.log.length > 0 ? `${b.log.join('\n')}\n` : '(nothing logged since Fleetscope started)\n' },
    { name: 'report.html', text: b.reportHtml },
  ];
}

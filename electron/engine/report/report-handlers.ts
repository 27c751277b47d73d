import { FleetApiError, type ReportRequestName } from '../../../shared/contract';
import { incidentReportHtml } from '../../../shared/logic/report/incident-html';
import { rangeStamp, type TimeRange } from '../../../shared/logic/report/report-range';
import type { Snapshot } from '../../../shared/model';
import type { FleetConfig } from '../config/fleet-config-schema';
import type { HandlersOf } from '../handlers';
import { bundleFiles, historyRows } from './bundle-files';
import { alertsInRange, auditInRange, gatherReport, REPORT_LIMITS, type ReportSources } from './report-data';
import { redactConfig, scrubSecrets, secretValues } from './redact-config';
import { targetsOfSnapshot } from './report-targets';
import { zipFiles } from './zip';

/** Turns a self-contained HTML page into PDF bytes: Electron's printToPDF, or headless Chromium. */
export type PrintPdf = (html: string) => Promise<Buffer>;

export interface ReportDeps extends Omit<ReportSources, 'targets'> {
  /** The snapshot as clients see it now. */
  snapshot: () => Snapshot;
  /** The config in force (secrets resolved) and the file as written (null without one, as in the demo). */
  config: () => FleetConfig;
  rawConfig: () => unknown;
  /** Fleetscope's own recent log lines. */
  log: () => readonly string[];
  /** Secrets known outside the config (API tokens from the environment): scrubbed from every file too. */
  knownSecrets: () => readonly string[];
  /** Who made it when the caller is the host's own user. */
  actor: string;
  now: () => number;
  printPdf?: PrintPdf | undefined;
}

const NO_PDF =
  'This Fleetscope cannot print PDFs: no Chromium was found where it runs (set CHROMIUM_PATH, or install Debian’s chromium). Download the HTML report and print it from your browser (Save as PDF).';

function checkTimeZone(timeZone: string | undefined): void {
  if (timeZone === undefined) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new FleetApiError(
      'invalid-argument',
      `"${timeZone}" is not a time zone this Fleetscope knows; give an IANA name such as Europe/Berlin, or leave it out.`,
    );
  }
}

/** The incident report (HTML, PDF) and the support bundle of a time range. */
export function reportHandlers(deps: ReportDeps): HandlersOf<ReportRequestName> {
  const html = (range: TimeRange, timeZone: string | undefined, by: string | undefined): string => {
    checkTimeZone(timeZone);
    const targets = targetsOfSnapshot(deps.snapshot());
    return incidentReportHtml(gatherReport({ ...deps, targets }, range, { generatedAt: deps.now(), generatedBy: by ?? deps.actor, timeZone }));
  };
  return {
    getIncidentReport: async ({ from, to, timeZone }, caller) => ({
      fileName: `fleetscope-report-${rangeStamp({ from, to })}.html`,
      html: html({ from, to }, timeZone, caller?.name),
    }),
    getIncidentReportPdf: async ({ from, to, timeZone }, caller) => {
      if (!deps.printPdf) throw new FleetApiError('not-available', NO_PDF);
      const pdf = await deps.printPdf(html({ from, to }, timeZone, caller?.name));
      return { fileName: `fleetscope-report-${rangeStamp({ from, to })}.pdf`, base64: pdf.toString('base64') };
    },
    getSupportBundle: async ({ from, to, timeZone }, caller) => {
      const range = { from, to };
      const snapshot = deps.snapshot();
      const config = deps.config();
      const generatedAt = deps.now();
      const events = deps.store.events({ from, to, order: 'asc', limit: REPORT_LIMITS.bundleEvents + 1 });
      const files = bundleFiles({
        range,
        generatedAt,
        generatedBy: caller?.name ?? deps.actor,
        snapshot,
        events: events.slice(0, REPORT_LIMITS.bundleEvents),
        eventsTruncated: events.length > REPORT_LIMITS.bundleEvents,
        audit: auditInRange(deps.audit, range),
        alerts: alertsInRange(deps.store, range),
        history: historyRows(deps.store, targetsOfSnapshot(snapshot), range),
        config: redactConfig(config, deps.rawConfig()),
        log: deps.log(),
        reportHtml: html(range, timeZone, caller?.name),
      });
      const secrets = [...secretValues(config), ...deps.knownSecrets()];
      const zip = await zipFiles(
        files.map((f) => ({ name: f.name, text: scrubSecrets(f.text, secrets) })),
        new Date(generatedAt),
      );
      return { fileName: `fleetscope-support-${rangeStamp(range)}.zip`, base64: zip.toString('base64') };
    },
  };
}

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { incidentReportHtml } from '../../shared/logic/report/incident-html';
import { parseReportTime } from '../../shared/logic/report/report-range';
import { openAuditLog } from '../engine/audit/audit-log';
import { defaultConfigPath, defaultDataDir } from '../engine/config/default-paths';
import { ConfigError, loadConfigFile } from '../engine/config/load-config';
import { gatherReport } from '../engine/report/report-data';
import { targetsOfConfig } from '../engine/report/report-targets';
import { openHistoryStore } from '../engine/store/history-store';
import { safeUserName } from '../host/os-user';
import { chromiumPrintPdf, findChromium } from './chromium-pdf';
import { REPORT_USAGE } from './usage';

/** `fleetscope report`: the incident report of a range, as PDF (headless Chromium) or HTML, from the stored history. */
export async function reportCommand(argv: string[], env: NodeJS.ProcessEnv, err: (s: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: joinNegativeTimes(argv),
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string', default: 'now' },
      out: { type: 'string' },
      'time-zone': { type: 'string' },
    },
  });
  if (!values.from || !values.out) throw new ConfigError(`report needs --from and --out.\nUsage:\n${REPORT_USAGE}`);
  const now = Date.now();
  const range = { from: parseReportTime(values.from, now, '--from'), to: parseReportTime(values.to, now, '--to') };
  if (range.to <= range.from) throw new ConfigError('--to must be after --from.');
  const dataDir = values['data-dir'] ?? defaultDataDir(env);
  const historyPath = join(dataDir, 'history.db');
  if (!existsSync(historyPath))
    throw new ConfigError(`No history in ${dataDir}: give the --data-dir that Fleetscope keeps its history in (the demo's is DIR/demo).`);
  const config = loadConfigFile(values.config ?? defaultConfigPath(env), env).config;
  const pdf = !values.out.toLowerCase().endsWith('.html');
  const chromium = pdf ? findChromium(env) : null;
  if (pdf && !chromium)
    throw new ConfigError('No Chromium to print the PDF with: set CHROMIUM_PATH, install Debian’s chromium, or write HTML (--out FILE.html).');
  const store = openHistoryStore({ path: historyPath });
  const audit = openAuditLog(join(dataDir, 'audit.db'), { reader: true });
  try {
    const data = gatherReport({ store, audit, targets: targetsOfConfig(config) }, range, {
      generatedAt: now,
      generatedBy: `${safeUserName()} (command line)`,
      timeZone: values['time-zone'],
    });
    const html = incidentReportHtml(data);
    writeFileSync(values.out, chromium ? await chromiumPrintPdf(chromium)(html) : html);
    err(`Wrote ${values.out}: ${data.events.length} events, ${data.alerts.length} alerts, ${data.audit.length} admin actions, ${data.charts.length} charts.\n`);
    return 0;
  } finally {
    store.close();
    audit.close();
  }
}

/** `--from -2h` as `--from=-2h`: parseArgs would take a value starting with a dash for an option. */
function joinNegativeTimes(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if ((argv[i] === '--from' || argv[i] === '--to') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]!);
  }
  return out;
}

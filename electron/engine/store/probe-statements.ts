import type Database from 'libsql';
import { PROBE_REPORTS_KEPT } from '../../../shared/model/clone-evidence';
import { probeReportSchema, type ProbeReport } from '../../../shared/model/probe';

type Db = InstanceType<typeof Database>;

/** The last probes of each repository: the whole report as JSON, keyed by primary and repository. */
export const PROBE_SCHEMA = `
CREATE TABLE IF NOT EXISTS probe_reports (id INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, primary_id TEXT NOT NULL,
  repo TEXT NOT NULL, report TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS probe_reports_by_repo ON probe_reports (primary_id, repo, ts);
CREATE INDEX IF NOT EXISTS probe_reports_by_time ON probe_reports (ts);
`;

/** Project keys are upper case and slugs lower case whatever a link typed, as the inventory matches them. */
const repoKey = (projectKey: string, repoSlug: string): string => `${projectKey.toUpperCase()}/${repoSlug.toLowerCase()}`;

export function probeStatements(db: Db) {
  const insert = db.prepare('INSERT INTO probe_reports (ts, primary_id, repo, report) VALUES (?, ?, ?, ?)');
  const select = db.prepare('SELECT report FROM probe_reports WHERE primary_id = ? AND repo = ? ORDER BY ts DESC, id DESC LIMIT ?').raw(true);
  // Keeps the newest few of one repository; older ones go as soon as a new one is saved.
  const trim = db.prepare(
    'DELETE FROM probe_reports WHERE primary_id = ? AND repo = ? AND id NOT IN (SELECT id FROM probe_reports WHERE primary_id = ? AND repo = ? ORDER BY ts DESC, id DESC LIMIT ?)',
  );
  const deleteOld = db.prepare('DELETE FROM probe_reports WHERE ts < ?');

  const saveProbeReport = db.transaction((r: ProbeReport) => {
    const key = repoKey(r.projectKey, r.repoSlug);
    insert.run(r.finishedAt, r.primaryId, key, JSON.stringify(r));
    trim.run(r.primaryId, key, r.primaryId, key, PROBE_REPORTS_KEPT);
  });

  const probeReports = (primaryId: string, projectKey: string, repoSlug: string, limit: number): ProbeReport[] =>
    (select.all(primaryId, repoKey(projectKey, repoSlug), limit) as Array<[string]>).flatMap(([json]) => {
      // A row written by another version that no longer reads as a report is left out, not shown half-read.
      const parsed = probeReportSchema.safeParse(JSON.parse(json));
      return parsed.success ? [parsed.data] : [];
    });

  return { saveProbeReport, probeReports, deleteBefore: (cutoff: number): number => deleteOld.run(cutoff).changes };
}

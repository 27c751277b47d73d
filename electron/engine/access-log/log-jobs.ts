import { randomUUID } from 'node:crypto';
import { realpath, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { FleetApiError, type LogsRequestName } from '../../../shared/contract';
import type { LogAnalysis } from '../../../shared/contract/logs-requests';
import { logAnalysisEvent } from '../../../shared/logic/events/evidence-events';
import type { NewFleetEvent, RepositoryLogFigures } from '../../../shared/model';
import type { HandlersOf } from '../handlers';
import type { RepositoryClones } from './aggregator';
import { normaliseRepository } from './log-keys';
import { analyseAccessLogsPerRepository } from './analyse';
import type { LogResultsFile, SavedAnalysis } from './log-results-file';
import { ACCESS_LOG_NAME, LogSourceError } from './sources';

export interface LogJobsDeps {
  /** Folders whose files a request may name (browser mode's only way in). */
  folders(): readonly string[];
  /** The desktop's native file dialog; what the person picks there may be read too. */
  chooseFiles?: () => Promise<string[]>;
  /** Where a finished analysis is told as an event (the fleet's timeline). */
  recordEvents?: (events: NewFleetEvent[]) => void;
  now?: () => number;
  /** Where finished analyses are saved so they outlive a restart (none: kept in memory only). */
  results?: LogResultsFile;
  /** A saved result that could not be written: said, not swallowed. */
  notice?: (message: string) => void;
}

/** Finished analyses kept for `getLogAnalysis` (and saved); the oldest goes first. */
const KEEP_JOBS = 4;
const MAX_RUNNING = 2;
const MAX_LISTED = 500;

interface Job extends LogAnalysis {
  controller: AbortController;
  /** Per repository figures of a finished analysis, for repository pages; never sent whole. */
  repositories: Map<string, RepositoryClones> | null;
}

/**
 * Access-log analyses as background jobs: started by a request, followed by polling (progress,
 * then the report), cancelled by a request. A request names files only inside the allowed folders
 * (or picked in the desktop's own dialog), so a page cannot make Fleetscope read anything else.
 */
export function logJobHandlers(deps: LogJobsDeps): HandlersOf<LogsRequestName> {
  const jobs = new Map<string, Job>();
  const chosen = new Set<string>();
  const now = deps.now ?? Date.now;
  for (const saved of deps.results?.load() ?? []) jobs.set(saved.jobId, restored(saved));

  const allowed = async (p: string): Promise<string> => {
    if (!isAbsolute(p)) throw new FleetApiError('invalid-argument', `"${p}" is not an absolute path. Pick a log from the list or the file dialog.`);
    const real = await realpath(p).catch(() => {
      throw new FleetApiError('not-found', `"${p}" does not exist (or cannot be read). Pick a log from the list.`);
    });
    if (chosen.has(real)) return real;
    for (const folder of deps.folders()) {
      const root = await realpath(folder).catch(() => null);
      if (root === null) continue;
      const rel = relative(root, real);
      if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return real;
    }
    throw new FleetApiError(
      'forbidden',
      `"${p}" is outside the folders Fleetscope may read logs from. Add its folder to FLEETSCOPE_LOG_FOLDERS and restart${deps.chooseFiles ? ', or choose the file in the dialog' : ''}.`,
    );
  };

  const forget = (): void => {
    const done = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const j of done.slice(0, Math.max(0, done.length - KEEP_JOBS + 1))) jobs.delete(j.jobId);
  };

  const view = ({ controller: _c, repositories: _r, ...job }: Job): LogAnalysis => ({ ...job, progress: { ...job.progress } });

  const finished = (): Job[] => [...jobs.values()].filter((j) => j.state === 'done').sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));

  /** One result per set of logs: a new reading of the same files replaces the older one, here and on disk. */
  const keep = (job: Job): void => {
    const same = sourceKey(job.paths);
    for (const j of jobs.values()) if (j !== job && j.state === 'done' && sourceKey(j.paths) === same) jobs.delete(j.jobId);
    if (!deps.results) return;
    const saved = finished()
      .slice(0, KEEP_JOBS)
      .map((j) => ({ jobId: j.jobId, paths: j.paths, finishedAt: j.finishedAt!, report: j.report!, repositories: j.repositories ?? new Map() }));
    deps.results.save(saved).catch((err: unknown) => {
      deps.notice?.(`The access-log results could not be saved (${(err as Error).message}); they show until Fleetscope restarts.`);
    });
  };

  return {
    getLogSources: async () => {
      const folders = [...deps.folders()];
      const files: Array<{ path: string; bytes: number }> = [];
      for (const folder of folders) await list(resolve(folder), 0, files);
      const recent = finished().map((j) => ({ jobId: j.jobId, paths: j.paths, finishedAt: j.finishedAt! }));
      return { folders, files: files.slice(0, MAX_LISTED), canChoose: deps.chooseFiles !== undefined, recent };
    },
    chooseLogFiles: async () => {
      if (!deps.chooseFiles)
        throw new FleetApiError('not-available', 'Only the desktop app has a file dialog. In browser mode pick a log from the allowed folders.');
      const paths = await deps.chooseFiles();
      for (const p of paths) chosen.add(await realpath(p));
      return { paths };
    },
    startLogAnalysis: async ({ paths, from, to, hostingLimit }) => {
      if ([...jobs.values()].filter((j) => j.state === 'running').length >= MAX_RUNNING)
        throw new FleetApiError('conflict', `${MAX_RUNNING} log analyses are running already. Wait for one to finish or cancel it.`);
      const real = await Promise.all(paths.map(allowed));
      forget();
      const jobId = randomUUID();
      const job: Job = {
        jobId,
        state: 'running',
        paths: real,
        progress: { jobId, bytesDone: 0, bytesTotal: 0, source: '', lines: 0 },
        report: null,
        error: null,
        controller: new AbortController(),
        repositories: null,
        finishedAt: null,
      };
      jobs.set(jobId, job);
      analyseAccessLogsPerRepository(real, {
        from,
        to,
        hostingLimit,
        signal: job.controller.signal,
        onProgress: (p) => (job.progress = { jobId, ...p }),
      }).then(
        ({ report, repositories }) => {
          job.report = report;
          job.repositories = repositories;
          job.finishedAt = now();
          job.state = 'done';
          keep(job);
          deps.recordEvents?.([logAnalysisEvent(report, job.finishedAt)]);
        },
        (err: unknown) => {
          if (job.controller.signal.aborted) job.state = 'cancelled';
          else {
            job.state = 'failed';
            job.error = err instanceof LogSourceError || err instanceof FleetApiError ? err.message : `Could not read the logs: ${(err as Error).message}.`;
          }
        },
      );
      return { jobId };
    },
    getLogAnalysis: async ({ jobId }) => view(find(jobs, jobId)),
    cancelLogAnalysis: async ({ jobId }) => {
      find(jobs, jobId).controller.abort(new Error('Cancelled.'));
      return { ok: true };
    },
    getRepositoryLogFigures: async ({ projectKey, repoSlug }) => {
      const key = normaliseRepository(`${projectKey}/${repoSlug}`);
      for (const job of finished()) {
        const figures = job.repositories?.get(key);
        if (figures && job.report) return { figures: repositoryFigures(job, job.report, key, figures) };
      }
      return { figures: null };
    },
  };
}

function repositoryFigures(job: Job, report: NonNullable<Job['report']>, key: string, f: RepositoryClones): RepositoryLogFigures {
  return {
    jobId: job.jobId,
    analysedAt: job.finishedAt ?? 0,
    sources: report.sources.map((s) => s.name),
    range: report.range,
    seen: report.seen,
    repository: key,
    operations: f.operations,
    clones: f.clones,
    cache: f.cache,
    clonesByNode: f.clonesByNode,
  };
}

function restored(saved: SavedAnalysis): Job {
  const { jobId, paths, finishedAt, report, repositories } = saved;
  const lines = report.lines.total;
  const bytes = report.sources.reduce((n, src) => n + src.bytes, 0);
  return {
    jobId,
    state: 'done',
    paths,
    progress: { jobId, bytesDone: bytes, bytesTotal: bytes, source: '', lines },
    report,
    error: null,
    finishedAt,
    controller: new AbortController(),
    repositories,
  };
}

/** The logs an analysis read, whatever order they were named in. */
const sourceKey = (paths: readonly string[]): string => [...paths].sort().join('\n');

function find(jobs: Map<string, Job>, jobId: string): Job {
  const job = jobs.get(jobId);
  if (!job) throw new FleetApiError('not-found', 'That log analysis is no longer kept (only the last few are). Start it again.');
  return job;
}

/** Access logs and support zips under a folder, a few levels deep. */
async function list(dir: string, depth: number, out: Array<{ path: string; bytes: number }>): Promise<void> {
  if (depth > 4 || out.length >= MAX_LISTED) return;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await list(p, depth + 1, out);
    else if (e.isFile() && (ACCESS_LOG_NAME.test(e.name) || /\.zip$/i.test(e.name))) out.push({ path: p, bytes: (await stat(p)).size });
  }
}

import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { logJobHandlers } from '../../../../electron/engine/access-log/log-jobs';
import { logResultsFile, type LogResultsFile } from '../../../../electron/engine/access-log/log-results-file';

const dir = mkdtempSync(join(tmpdir(), 'fs-log-jobs-'));
const allowed = join(dir, 'allowed');
const outside = join(dir, 'outside');
mkdirSync(join(allowed, 'node-1'), { recursive: true });
mkdirSync(outside);
const LINE = (io: string, time: string, tail: string): string =>
  `10.0.0.1 | https | ${io}*N1x1x1x0 | ci | 2026-11-02 ${time} | "POST /scm/PLAT/api.git/git-upload-pack HTTP/1.1" | "" "" | ${tail}`;
writeFileSync(
  join(allowed, 'node-1', 'atlassian-bitbucket-access.log'),
  `${LINE('i', '10:00:00,000', '- | - | - | - | - | s |')}\n${LINE('o', '10:00:02,000', '200 | 0 | 9 | cache:hit, clone | 2000 | s |')}\n`,
);
writeFileSync(join(outside, 'secret-access.log'), 'private\n');
symlinkSync(join(outside, 'secret-access.log'), join(allowed, 'escape-access.log'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function settle(h: ReturnType<typeof logJobHandlers>, jobId: string): Promise<Awaited<ReturnType<typeof h.getLogAnalysis>>> {
  for (;;) {
    const job = await h.getLogAnalysis({ jobId });
    if (job.state !== 'running') return job;
    await new Promise((r) => setImmediate(r));
  }
}

describe('log analysis jobs', () => {
  const h = logJobHandlers({ folders: () => [allowed] });

  it('lists the access logs in the allowed folders and analyses one in the background', async () => {
    const sources = await h.getLogSources({});
    expect(sources.canChoose).toBe(false);
    expect(sources.files.map((f) => f.path)).toContain(join(allowed, 'node-1', 'atlassian-bitbucket-access.log'));
    const { jobId } = await h.startLogAnalysis({ paths: [join(allowed, 'node-1')], from: null, to: null, hostingLimit: 4 });
    const job = await settle(h, jobId);
    expect(job.state).toBe('done');
    expect(job.report?.operations.byKind.clone).toBe(1);
    expect(job.report?.concurrency.limit).toBe(4);
  });

  it('refuses paths outside the allowed folders, symlinks out of them included', async () => {
    await expect(h.startLogAnalysis({ paths: [join(outside, 'secret-access.log')], from: null, to: null, hostingLimit: null })).rejects.toThrow(
      /outside the folders/,
    );
    await expect(h.startLogAnalysis({ paths: [join(allowed, 'escape-access.log')], from: null, to: null, hostingLimit: null })).rejects.toThrow(
      /outside the folders/,
    );
    await expect(h.startLogAnalysis({ paths: ['relative/access.log'], from: null, to: null, hostingLimit: null })).rejects.toThrow(/not an absolute path/);
    await expect(h.chooseLogFiles({})).rejects.toThrow(/Only the desktop app/);
  });

  it('reads a file picked in the desktop dialog, and reports a failure in words', async () => {
    const picked = join(outside, 'secret-access.log');
    const desktop = logJobHandlers({ folders: () => [], chooseFiles: async () => [picked] });
    expect(await desktop.chooseLogFiles({})).toEqual({ paths: [picked] });
    const { jobId } = await desktop.startLogAnalysis({ paths: [picked], from: null, to: null, hostingLimit: null });
    const job = await settle(desktop, jobId);
    expect(job.state).toBe('done');
    expect(job.report?.unparsable.count).toBe(1);
  });

  it('answers a repository page from the most recent analysis that saw the repository, and tells the timeline', async () => {
    const events: unknown[] = [];
    let clock = Date.UTC(2026, 11, 3, 9, 0);
    const jobs = logJobHandlers({ folders: () => [allowed], recordEvents: (e) => events.push(...e), now: () => clock });
    expect(await jobs.getRepositoryLogFigures({ projectKey: 'PLAT', repoSlug: 'api' })).toEqual({ figures: null });
    const first = await jobs.startLogAnalysis({ paths: [join(allowed, 'node-1')], from: null, to: null, hostingLimit: null });
    await settle(jobs, first.jobId);
    clock += 60_000;
    const second = await jobs.startLogAnalysis({ paths: [join(allowed, 'node-1')], from: null, to: null, hostingLimit: null });
    await settle(jobs, second.jobId);
    // Key and slug as a link spells them: the log's PLAT/api.
    const { figures } = await jobs.getRepositoryLogFigures({ projectKey: 'plat', repoSlug: 'API' });
    expect(figures).toEqual({
      jobId: second.jobId,
      analysedAt: clock,
      sources: [expect.stringContaining('atlassian-bitbucket-access.log')],
      range: { from: null, to: null },
      seen: { first: Date.UTC(2026, 10, 2, 10, 0, 2), last: Date.UTC(2026, 10, 2, 10, 0, 2) },
      repository: 'PLAT/api',
      operations: 1,
      clones: { count: 1, p50Ms: 2000, p95Ms: 2000, maxMs: 2000 },
      cache: { hit: 1, miss: 0, none: 0 },
      clonesByNode: [{ node: 'N1', durations: { count: 1, p50Ms: 2000, p95Ms: 2000, maxMs: 2000 } }],
    });
    expect(await jobs.getRepositoryLogFigures({ projectKey: 'PLAT', repoSlug: 'other' })).toEqual({ figures: null });
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ kind: 'log-analysis', severity: 'info', at: clock, text: expect.stringContaining('1 git operation,') });
  });

  it('cancels a running analysis', async () => {
    const { jobId } = await h.startLogAnalysis({ paths: [join(allowed, 'node-1')], from: null, to: null, hostingLimit: null });
    await h.cancelLogAnalysis({ jobId });
    expect((await settle(h, jobId)).state).toBe('cancelled');
  });
});

describe('log analysis results across a restart', () => {
  const file = join(dir, 'data', 'access-log-results.json');
  mkdirSync(join(dir, 'data'));
  const notices: string[] = [];
  /** The real file, with its writes awaited by the test (the handlers do not wait for them). */
  const saving: Array<Promise<void>> = [];
  const results = (): LogResultsFile => {
    const real = logResultsFile(file, (m) => notices.push(m));
    return { load: real.load, save: (a) => (saving.push(real.save(a)), saving[saving.length - 1]!) };
  };
  const log = join(allowed, 'node-1');
  // Each test starts with no saved file and no notices, whatever ran before it (vitest --sequence.shuffle).
  beforeEach(() => {
    rmSync(file, { force: true });
    notices.length = 0;
    saving.length = 0;
  });

  it('shows the last analysis of each set of logs, its read-at time and repository figures, after a restart', async () => {
    let clock = Date.UTC(2026, 11, 3, 9, 0);
    const before = logJobHandlers({ folders: () => [allowed], results: results(), now: () => clock });
    const first = await before.startLogAnalysis({ paths: [log], from: null, to: null, hostingLimit: null });
    await settle(before, first.jobId);
    clock += 60_000;
    const second = await before.startLogAnalysis({ paths: [log], from: null, to: null, hostingLimit: 4 });
    const done = await settle(before, second.jobId);
    await Promise.all(saving);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const after = logJobHandlers({ folders: () => [allowed], results: results() });
    // One result per set of logs: the second reading replaced the first.
    expect((await after.getLogSources({})).recent).toEqual([{ jobId: second.jobId, paths: done.paths, finishedAt: clock }]);
    expect(await after.getLogAnalysis({ jobId: second.jobId })).toEqual(done);
    expect(done.finishedAt).toBe(clock);
    const { figures } = await after.getRepositoryLogFigures({ projectKey: 'PLAT', repoSlug: 'api' });
    expect(figures).toMatchObject({ jobId: second.jobId, analysedAt: clock, operations: 1, cache: { hit: 1, miss: 0, none: 0 } });
    expect(figures?.clonesByNode.map((n) => n.node)).toEqual(['N1']);
    await expect(after.getLogAnalysis({ jobId: first.jobId })).rejects.toThrow(/no longer kept/);
    expect(notices).toEqual([]);
  });

  it('says so and starts empty when the saved file is damaged', () => {
    writeFileSync(file, '{"version": 1, "analyses": [{"jobId": 3');
    const h = logJobHandlers({ folders: () => [allowed], results: results() });
    expect(notices).toEqual([expect.stringMatching(/^The saved access-log results in .* could not be read .*; read the logs again to see them\.$/)]);
    return expect(h.getLogSources({})).resolves.toMatchObject({ recent: [] });
  });

  it('keeps only the busiest repositories of an analysis in the file', async () => {
    const none = { count: 0, p50Ms: null, p95Ms: null, maxMs: null };
    const many = new Map(
      Array.from({ length: 2_500 }, (_, i) => [`P/r${i}`, { operations: i, clones: none, cache: { hit: 0, miss: 0, none: 0 }, clonesByNode: [] }]),
    );
    const real = logResultsFile(file, (m) => notices.push(m));
    const { report: saved } = (await settleReport()).job;
    await real.save([{ jobId: 'j', paths: ['/x'], finishedAt: 1, report: saved!, repositories: many }]);
    const [loaded] = real.load();
    expect(loaded?.repositories.size).toBe(2_000);
    expect(loaded?.repositories.has('P/r2499')).toBe(true);
    expect(loaded?.repositories.has('P/r0')).toBe(false);
  });
});

async function settleReport() {
  const h = logJobHandlers({ folders: () => [allowed] });
  const { jobId } = await h.startLogAnalysis({ paths: [join(allowed, 'node-1')], from: null, to: null, hostingLimit: null });
  return { job: await settle(h, jobId) };
}

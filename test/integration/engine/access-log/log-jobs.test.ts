import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logJobHandlers } from '../../../../electron/engine/access-log/log-jobs';

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

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { repoShape } from '../../../electron/demo/git/repo-store';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import { probeStaleRefsRule } from '../../../shared/logic/slow-clone-evidence';
import { probeDirs, watchProbes } from '../../helpers/probe-leaks';
import type { ProbeEndpoint, ProbeReport } from '../../../shared/model';

type Host = Awaited<ReturnType<typeof startFleetHost>>;

const gitCacheDir = mkdtempSync(join(tmpdir(), 'fleetscope-demo-git-test-'));
let fleet: DemoFleet | undefined;
let host: Host | undefined;
const gitPids: number[] = [];

afterEach(async () => {
  await host?.stop();
  await fleet?.stop();
  host = undefined;
  fleet = undefined;
});
afterAll(() => rmSync(gitCacheDir, { recursive: true, force: true }));

async function start(): Promise<{ fleet: DemoFleet; host: Host; token: string }> {
  fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 40, gitCacheDir });
  const config = fleetConfigSchema.parse(demoFleetConfig(fleet, { pollIntervalSeconds: 60 }));
  host = await startFleetHost({ config, dataDir: ':memory:', demo: fleet, engine: { publishDelayMs: 0 }, onProbeGitStarted: (pid) => gitPids.push(pid) });
  await host.engine.firstPoll();
  return { fleet, host, token: fleet.primaries[0]!.read.token };
}

/** Git processes still running from a probe: by the pids the probe reported, and by their work folder. */
function leftoverGit(): string[] {
  const alive = gitPids.filter((pid) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '));
  const byDir = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('fleetscope-probe-');
      } catch {
        return false;
      }
    });
  return [...alive.map(String), ...byDir];
}

const endpoint = (report: ProbeReport, kind: ProbeEndpoint['kind'], label?: RegExp): ProbeEndpoint => {
  const e = report.endpoints.find((x) => x.kind === kind && (label === undefined || label.test(x.label)));
  if (!e) throw new Error(`no ${kind} endpoint ${label ?? ''} in ${report.endpoints.map((x) => x.label).join(', ')}`);
  return e;
};
const share = (e: ProbeEndpoint, phase: string): number => (e.clone!.phases.find((p) => p.name === phase)!.ms ?? 0) / e.clone!.totalMs;

describe('clone doctor against the simulated fleet, through real git', () => {
  it('probes the primary, its nodes and the mirrors: phases, bytes, a cache miss then hits, no token in any argv or file, nothing left behind', async () => {
    const { fleet: f, host: h, token } = await start();
    const primaryId = f.primaries[0]!.id;
    const index = await h.handlers.getRepositoryIndex({});
    const projectKey = index.repositories.projectKey[0]!;
    const repoSlug = index.repositories.slug[0]!;
    // A cleared cache makes the first clone a miss; the clones after it are served from the cache.
    await h.handlers.clearCache({ primaryId, projectKey, repoSlug });
    const watch = watchProbes(token);
    const { report, auditId } = await h.handlers.probeClone({
      projectKey,
      repoSlug,
      full: false,
      protocol: 2,
      transport: 'both',
      capMB: 200,
      timeoutSeconds: 120,
    });
    const seen = watch.stop();

    expect(seen.argvLeaks).toEqual([]);
    expect([...seen.secretFiles.keys()]).toEqual([]);
    expect(seen.gitSeen).toBeGreaterThan(0);
    expect(seen.filesSeen).toBeGreaterThan(0);
    expect(probeDirs()).toEqual([]);
    expect(leftoverGit()).toEqual([]);

    expect(report.gitVersion).toMatch(/^\d+\.\d+/);
    const kinds = report.endpoints.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'primary')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'node')).toHaveLength(3);
    expect(kinds).toContain('mirror');
    expect(kinds).toContain('mirror-node');
    for (const e of report.endpoints) {
      expect(e.error, e.verdict).toBeNull();
      expect(e.clone?.outcome).toBe('ok');
      expect(e.clone!.packBytes).toBeGreaterThan(0);
      expect(e.clone!.bytesPerSecond).toBeGreaterThan(0);
      expect(e.clone!.phases.map((p) => p.name)).toEqual(['connect', 'refs', 'negotiation', 'transfer', 'other']);
      const sum = e.clone!.phases.reduce((a, p) => a + p.ms, 0);
      expect(sum).toBeCloseTo(e.clone!.totalMs, 0);
      expect(e.clone!.phases.find((p) => p.name === 'refs')!.ms).toBeGreaterThan(0);
      expect(e.refs?.head).toMatch(/^[0-9a-f]{40}$/);
      if (e.kind !== 'primary') expect(e.refsMatchPrimary, e.verdict).toBe(true);
    }
    const primary = endpoint(report, 'primary');
    expect(primary.cache).toBe('miss');
    expect(primary.verdict).toMatch(/\(primary\): .*cache miss/);
    expect(endpoint(report, 'node').cache).toBe('hit');
    expect(endpoint(report, 'node').verdict).toMatch(/cache hit/);
    expect(endpoint(report, 'mirror').cache).toBe('not-counted');
    expect(report.notes.join(' ')).toMatch(/SSH endpoints are not probed: .* has no `ssh` section/);
    expect(report.endpoints.every((e) => e.transport === 'http')).toBe(true);

    const audit = await h.handlers.getAuditLog({ limit: 5 });
    expect(audit.entries.find((a) => a.id === auditId)).toMatchObject({ action: 'probeClone', outcome: 'succeeded', credential: 'read credential' });
  }, 120_000);

  it('a mirror node behind the primary serves older refs, and the probe says so', async () => {
    const { fleet: f, host: h } = await start();
    const farm = f.state().mirrors!.farms.find((x) => x.mirrorType === 'FARM' && x.registration === 'accepted')!;
    const node = farm.nodes[1]!;
    // The repository stops synchronizing on that node and gets a push at once: the node is a commit behind.
    await f.applyFault(farm.id, { kind: 'mirror-repo-failing', node }, true);
    const victim = f.state().mirrors!.farms.find((x) => x.id === farm.id)!.faults.failing[0]!;
    const [projectKey, repoSlug] = victim.repo.split('/') as [string, string];
    const { report } = await h.handlers.probeClone({ projectKey, repoSlug, full: false, protocol: 2, transport: 'http', capMB: 200, timeoutSeconds: 120 });
    const behind = endpoint(report, 'mirror-node', new RegExp(`node ${node}$`));
    expect(behind.refsMatchPrimary).toBe(false);
    expect(behind.refsNote).toMatch(/^main is at [0-9a-f]{7} here and [0-9a-f]{7} on the primary/);
    expect(behind.verdict).toMatch(/refs differ from the primary/);
    expect(endpoint(report, 'node').refsMatchPrimary).toBe(true);

    // Joined to the rest: kept for the repository page (its rules say so), and on the fleet's timeline.
    const { reports } = await h.handlers.getProbeHistory({ primaryId: report.primaryId, projectKey, repoSlug, limit: 5 });
    expect(reports).toEqual([report]);
    // The other nodes apply the push 1.5–7.5 s after it was made, so a fast probe may find them a commit behind too.
    expect(probeStaleRefsRule({ now: report.finishedAt, probes: reports }).map((x) => x.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`node ${node} serves old refs \\(last probe, 0 s ago\\): main is at`))]),
    );
    const { events } = await h.handlers.getEvents({ kinds: ['probe'], includeDemo: true, order: 'asc', limit: 50 });
    expect(events).toHaveLength(report.endpoints.length);
    expect(events.find((e) => e.text.includes(behind.verdict))).toMatchObject({
      severity: 'warning',
      targetId: report.primaryId,
      subject: `${projectKey}/${repoSlug}`,
    });
  }, 120_000);

  it('with slow responses the pack transfer dominates the clone, and a cancelled probe leaves nothing behind', async () => {
    const { fleet: f, host: h } = await start();
    const primaryId = f.primaries[0]!.id;
    const index = await h.handlers.getRepositoryIndex({});
    // A generated repository of a few hundred kB: its pack takes dozens of paced pieces.
    const candidates = await Promise.all(
      index.repositories.slug.slice(0, 12).map(async (slug, i) => {
        const detail = await h.handlers.getRepository({ projectKey: index.repositories.projectKey[i]!, repoSlug: slug });
        if (!detail.found) throw new Error(`${slug} not found`);
        return { projectKey: detail.repo.projectKey, repoSlug: detail.repo.slug, bytes: repoShape(42, primaryId, Number(detail.repo.id)).bytes };
      }),
    );
    const big = candidates.filter((c) => c.bytes > 150_000).sort((a, b) => a.bytes - b.bytes)[0]!;
    expect(big).toBeDefined();
    await f.applyFault(primaryId, { kind: 'slow', delayMs: 1_000 }, true);
    const { report } = await h.handlers.probeClone({ ...big, full: true, protocol: 2, transport: 'http', capMB: 200, timeoutSeconds: 300 });
    const slow = endpoint(report, 'primary');
    expect(slow.clone?.outcome).toBe('ok');
    expect(share(slow, 'transfer')).toBeGreaterThan(0.5);
    for (const other of ['connect', 'refs', 'negotiation', 'other']) expect(share(slow, 'transfer')).toBeGreaterThan(share(slow, other));
    expect(slow.verdict).toMatch(/of it receiving the pack at .+\/s/);
    // The mirrors are not slowed: their transfer takes a smaller share than the primary's.
    expect(share(endpoint(report, 'mirror'), 'transfer')).toBeLessThan(share(slow, 'transfer'));

    const running = h.handlers.probeClone({ ...big, full: true, protocol: 1, transport: 'http', capMB: 200, timeoutSeconds: 300 });
    const firstGit = gitPids.length;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (gitPids.length > firstGit + 1) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    await expect(h.handlers.probeClone({ ...big, full: false, protocol: 2, transport: 'http', capMB: 1, timeoutSeconds: 60 })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await h.handlers.cancelProbe({ projectKey: big.projectKey, repoSlug: big.repoSlug })).toEqual({ cancelled: true });
    const cancelled = (await running).report;
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.endpoints.at(-1)!.verdict).toMatch(/[Cc]ancelled/);
    expect(probeDirs()).toEqual([]);
    expect(leftoverGit()).toEqual([]);
  }, 180_000);
});

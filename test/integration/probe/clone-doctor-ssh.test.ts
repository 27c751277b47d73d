import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { GitRepoStore } from '../../../electron/demo/git/repo-store';
import { generateKeyPair } from '../../../electron/demo/storage/keys';
import { parseConfigObject } from '../../../electron/engine/config/load-config';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { ProbeEndpoint, ProbeReport } from '../../../shared/model';
import { startSshd, type LoopbackSshd } from '../../helpers/loopback-sshd';
import { probeDirs, watchProbes } from '../../helpers/probe-leaks';

/**
 * The clone doctor over SSH, end to end: Debian's OpenSSH server on loopback serves the demo's
 * bare repositories at Bitbucket's SSH paths (`/<project>/<slug>.git`, project key in lower
 * case), and the engine probes them through the system's git and ssh.
 */

type Host = Awaited<ReturnType<typeof startFleetHost>>;

const tmp = mkdtempSync(join(tmpdir(), 'fleetscope-ssh-probe-test-'));
const gitCacheDir = join(tmp, 'demo-git');
const repoRoot = join(tmp, 'served');
let sshd: LoopbackSshd;
let fleet: DemoFleet | undefined;
let host: Host | undefined;
const gitPids: number[] = [];
const KEY_ENV = 'FLEETSCOPE_TEST_PROBE_SSH_KEY';

beforeAll(async () => {
  mkdirSync(repoRoot);
  // Bitbucket's SSH server maps `git-upload-pack '/proj/slug.git'` to a repository; this forced command does the same under repoRoot.
  const serve = join(tmp, 'serve-git.sh');
  writeFileSync(
    serve,
    `#!/bin/sh\nset -f\nset -- $SSH_ORIGINAL_COMMAND\n[ "$1" = git-upload-pack ] || { echo "only git-upload-pack is served here" >&2; exit 1; }\nexec git-upload-pack "${repoRoot}$(printf '%s' "$2" | tr -d "'")"\n`,
    { mode: 0o755 },
  );
  mkdirSync(join(tmp, 'sshd'));
  sshd = await startSshd(join(tmp, 'sshd'), { authorizedKeyOptions: `command="${serve}",no-pty,no-port-forwarding`, extraConfig: ['AcceptEnv GIT_PROTOCOL'] });
}, 30_000);
afterEach(async () => {
  await host?.stop();
  await fleet?.stop();
  host = undefined;
  fleet = undefined;
});
afterAll(async () => {
  await sshd?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

interface SshOverrides {
  privateKey?: string;
  knownHosts?: string;
}

/** The demo fleet, with its first primary's `ssh` section pointing at the loopback sshd for the primary, a node and every mirror farm. */
async function start(over: SshOverrides = {}): Promise<{ h: Host; projectKey: string; repoSlug: string }> {
  fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 40, gitCacheDir });
  const base = demoFleetConfig(fleet, { pollIntervalSeconds: 60 });
  const url = `ssh://${userInfo().username}@127.0.0.1:${sshd.port}`;
  const farms = fleet.state().mirrors!.farms.map((f) => ({ farm: f.name, url }));
  const primary = base.primaries[0]!;
  const raw = {
    ...base,
    primaries: [
      {
        ...primary,
        ssh: {
          url,
          nodes: { [primary.nodes[0]!.name]: url },
          mirrors: farms,
          privateKey: `\${env:${KEY_ENV}}`,
          knownHosts: over.knownHosts ?? sshd.knownHostsLine,
        },
      },
    ],
  };
  const { config } = parseConfigObject(raw, { baseDir: tmp, source: 'test', env: { [KEY_ENV]: over.privateKey ?? sshd.privateKey } });
  host = await startFleetHost({ config, dataDir: ':memory:', demo: fleet, engine: { publishDelayMs: 0 }, onProbeGitStarted: (pid) => gitPids.push(pid) });
  await host.engine.firstPoll();
  const index = await host.handlers.getRepositoryIndex({});
  const detail = await host.handlers.getRepository({ projectKey: index.repositories.projectKey[0]!, repoSlug: index.repositories.slug[0]! });
  if (!detail.found) throw new Error('the demo repository was not found');
  const { projectKey, slug, id } = detail.repo;
  const view = await new GitRepoStore(join(gitCacheDir, 'seed-42'), 42).view(primary.id, Number(id), 0);
  const served = join(repoRoot, projectKey.toLowerCase(), `${slug}.git`);
  if (!existsSync(served)) {
    mkdirSync(join(repoRoot, projectKey.toLowerCase()), { recursive: true });
    symlinkSync(join(view.root, view.name), served);
  }
  return { h: host, projectKey, repoSlug: slug };
}

/** A line from the middle of the key: its base64 body, never a header every key shares. */
const keyBody = (key: string): string => key.split('\n').filter((l) => l.length > 40)[1]!;

const byLabel = (r: ProbeReport, re: RegExp): ProbeEndpoint => {
  const e = r.endpoints.find((x) => re.test(x.label));
  if (!e) throw new Error(`no endpoint ${re} in ${r.endpoints.map((x) => x.label).join(', ')}`);
  return e;
};

describe('clone doctor over SSH, through real git, ssh and sshd', () => {
  it('clones from the primary, a node and the mirrors over SSH: phases from the trace, the key in no argv and in no file left behind', async () => {
    const { h, projectKey, repoSlug } = await start();
    const watch = watchProbes(keyBody(sshd.privateKey));
    const { report } = await h.handlers.probeClone({ projectKey, repoSlug, full: false, protocol: 2, transport: 'ssh', capMB: 200, timeoutSeconds: 120 });
    const seen = watch.stop();

    expect(seen.argvLeaks).toEqual([]);
    expect(seen.sshSeen).toBeGreaterThan(0);
    // The key existed only as the probe folder's ssh/key, readable by this user alone.
    expect([...seen.secretFiles.entries()]).toEqual([['/ssh/key', 0o600]]);
    expect(probeDirs()).toEqual([]);

    expect(report.transport).toBe('ssh');
    expect(report.endpoints.length).toBeGreaterThanOrEqual(3);
    for (const e of report.endpoints) {
      expect(e.transport).toBe('ssh');
      expect(e.url).toBe(`ssh://${userInfo().username}@127.0.0.1:${sshd.port}/${projectKey.toLowerCase()}/${repoSlug}.git`);
      expect(e.error, e.verdict).toBeNull();
      expect(e.label).toMatch(/ over SSH$/);
      expect(e.clone?.outcome).toBe('ok');
      expect(e.clone!.packBytes).toBeGreaterThan(0);
      expect(e.clone!.phases.map((p) => p.name)).toEqual(['connect', 'refs', 'negotiation', 'transfer', 'other']);
      // Connect over SSH: from starting ssh to the server's first packet line (key exchange, authentication, upload-pack).
      expect(e.clone!.phases.find((p) => p.name === 'connect')!.ms).toBeGreaterThan(0);
      expect(e.clone!.phases.reduce((a, p) => a + p.ms, 0)).toBeCloseTo(e.clone!.totalMs, 0);
      expect(e.refs?.head).toMatch(/^[0-9a-f]{40}$/);
    }
    expect(byLabel(report, /\(primary\) over SSH$/).refsMatchPrimary).toBeNull();
    expect(byLabel(report, / node .* over SSH$/).refsMatchPrimary).toBe(true);
    expect(report.endpoints.filter((e) => e.kind === 'mirror').every((e) => e.refsMatchPrimary === true)).toBe(true);
    // The places with no SSH URL in the config are named, not silently skipped.
    expect(report.notes.join(' ')).toMatch(/Not probed over SSH \(no SSH URL in the config's `ssh` section\): .*node/);
  }, 240_000);

  it('probes HTTP(S) and SSH side by side, each endpoint saying which', async () => {
    const { h, projectKey, repoSlug } = await start();
    const { report } = await h.handlers.probeClone({ projectKey, repoSlug, full: false, protocol: 2, transport: 'both', capMB: 200, timeoutSeconds: 120 });
    const primaries = report.endpoints.filter((e) => e.kind === 'primary');
    expect(primaries.map((e) => e.transport)).toEqual(['http', 'ssh']);
    for (const e of report.endpoints) expect(e.error, e.verdict).toBeNull();
    expect(report.endpoints.filter((e) => e.transport === 'http').length).toBeGreaterThan(report.endpoints.filter((e) => e.transport === 'ssh').length);
  }, 240_000);

  it('a key the server does not know is refused with a verdict that says so, and nothing is left behind', async () => {
    const { h, projectKey, repoSlug } = await start({ privateKey: generateKeyPair('not-authorized').private });
    const { report } = await h.handlers.probeClone({ projectKey, repoSlug, full: false, protocol: 2, transport: 'ssh', capMB: 200, timeoutSeconds: 60 });
    const primary = byLabel(report, /\(primary\) over SSH$/);
    expect(primary.clone).toBeNull();
    expect(primary.verdict).toMatch(/git ls-remote: SSH refused the key: .*Permission denied \(publickey\)\. Add the key's public half to a Bitbucket user/);
    expect(probeDirs()).toEqual([]);
  }, 120_000);

  it('a host key not in known_hosts is refused, with how to add it; never trusted on first use', async () => {
    const other = generateKeyPair();
    const { h, projectKey, repoSlug } = await start({ knownHosts: `[127.0.0.1]:${sshd.port} ${other.public.split(' ').slice(0, 2).join(' ')}` });
    const { report } = await h.handlers.probeClone({ projectKey, repoSlug, full: false, protocol: 2, transport: 'ssh', capMB: 200, timeoutSeconds: 60 });
    const primary = byLabel(report, /\(primary\) over SSH$/);
    expect(primary.clone).toBeNull();
    expect(primary.verdict).toMatch(/does not match the one in ssh\.knownHosts of the config, so ssh refused to connect/);

    await host?.stop();
    await fleet?.stop();
    const unknown = await start({ knownHosts: `[127.0.0.2]:${sshd.port} ${other.public.split(' ').slice(0, 2).join(' ')}` });
    const again = await unknown.h.handlers.probeClone({ projectKey, repoSlug, full: false, protocol: 2, transport: 'ssh', capMB: 200, timeoutSeconds: 60 });
    expect(byLabel(again.report, /\(primary\) over SSH$/).verdict).toMatch(
      new RegExp(`is not in ssh\\.knownHosts of the config, so ssh refused to connect .*ssh-keyscan -p ${sshd.port} 127\\.0\\.0\\.1`),
    );
    expect(probeDirs()).toEqual([]);
  }, 120_000);
});

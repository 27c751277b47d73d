import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../../electron/demo';

const run = promisify(execFile);
const gitCacheDir = mkdtempSync(join(tmpdir(), 'fleetscope-demo-git-serving-'));
let fleet: DemoFleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});
afterAll(() => rmSync(gitCacheDir, { recursive: true, force: true }));

/** git with no user config and the read token given as an `Authorization` header through the environment. */
function git(args: string[], token: string | null): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: gitCacheDir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
  };
  if (token !== null) Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Bearer ${token}` });
  return run('git', args, { env, cwd: gitCacheDir });
}

async function firstRepo(f: DemoFleet): Promise<string> {
  const p = f.primaries[0]!;
  const res = await fetch(`${p.baseUrl}/rest/api/1.0/repos?limit=1`, { headers: { authorization: `Bearer ${p.read.token}` } });
  const body = (await res.json()) as { values: { slug: string; project: { key: string } }[] };
  return `${body.values[0]!.project.key}/${body.values[0]!.slug}`;
}

describe('the simulated fleet serves real git', () => {
  it('a node and the load balancer answer ls-remote and clone with the same refs; no credential gets a Basic challenge; a push is refused', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 10, gitCacheDir });
    const p = fleet.primaries[0]!;
    const repo = await firstRepo(fleet);
    const lb = await git(['ls-remote', `${p.baseUrl}/scm/${repo}.git`], p.read.token);
    const node = await git(['ls-remote', `${p.nodes[1]!.baseUrl}/scm/${repo}.git`], p.read.token);
    expect(lb.stdout).toMatch(/^[0-9a-f]{40}\tHEAD\n[0-9a-f]{40}\trefs\/heads\/main\n$/);
    expect(node.stdout).toBe(lb.stdout);
    await git(['clone', '--quiet', '--bare', `${p.baseUrl}/scm/${repo}.git`, 'clone.git'], p.read.token);
    const head = await run('git', ['--git-dir', join(gitCacheDir, 'clone.git'), 'rev-parse', 'main']);
    expect(lb.stdout.startsWith(head.stdout.trim())).toBe(true);

    const challenge = await fetch(`${p.baseUrl}/scm/${repo}.git/info/refs?service=git-upload-pack`);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toMatch(/^Basic /);
    await expect(git(['ls-remote', `${p.baseUrl}/scm/${repo}.git`], null)).rejects.toThrow(/Authentication failed|could not read Username/);
    const push = await fetch(`${p.baseUrl}/scm/${repo}.git/info/refs?service=git-receive-pack`, { headers: { authorization: `Bearer ${p.read.token}` } });
    expect(push.status).toBe(403);
    const missing = await fetch(`${p.baseUrl}/scm/NOPE/nothing.git/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Bearer ${p.read.token}` },
    });
    expect(missing.status).toBe(404);
  }, 60_000);

  it('a node down refuses git connections', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 10, gitCacheDir });
    const p = fleet.primaries[0]!;
    const repo = await firstRepo(fleet);
    const down = p.nodes[0]!;
    await fleet.applyFault(p.id, { kind: 'node-down', node: down.name }, true);
    await expect(git(['ls-remote', `${down.baseUrl}/scm/${repo}.git`], p.read.token)).rejects.toThrow(/Failed to connect|Couldn't connect|Connection refused/);
  }, 60_000);
});

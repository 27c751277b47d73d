import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FleetApiError } from '../../../shared/contract';
import { MIN_GIT_VERSION } from '../../../shared/model/probe';
import type { CredentialConfig } from '../config/fleet-config-schema';

/** How git reaches one primary's fleet: its read credential, CA and proxy (from the primary's config). */
export interface GitAccess {
  credential: CredentialConfig | undefined;
  caFile: string | undefined;
  /** A proxy URL, "direct", or undefined for the environment's. */
  proxy: string | undefined;
  protocol: 1 | 2;
}

export interface GitRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why git was stopped, if it was. */
  stopped: 'timeout' | 'cancelled' | 'capped' | null;
  ms: number;
}

/** Environment variables of a proxy that git reads itself (curl's names). */
const PROXY_ENV = ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'];

/**
 * A folder for one git run, readable only by this user and always removed: the clone, git's
 * traces and the askpass script (which holds no secret: it prints one from git's environment).
 */
export async function withWorkDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'fleetscope-probe-'));
  try {
    await chmod(dir, 0o700);
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The environment git runs with: nothing of Fleetscope's own (no tokens of its own), no system or
 * global git config (so no credential helper can store the secret), the credential only in
 * variables — a Bearer header through `GIT_CONFIG_*`, or a password printed by the askpass script
 * — and TLS and proxy settings through `GIT_SSL_CAINFO` and `GIT_CONFIG_*`.
 */
export async function gitEnv(access: GitAccess, dir: string, env: NodeJS.ProcessEnv = process.env): Promise<NodeJS.ProcessEnv> {
  const config: [string, string][] = [
    ['credential.helper', ''],
    ['protocol.version', String(access.protocol)],
  ];
  const out: NodeJS.ProcessEnv = {
    PATH: env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_TRACE2_EVENT: join(dir, 'trace2.json'),
    GIT_TRACE_CURL: join(dir, 'curl.txt'),
    GIT_TRACE_CURL_NO_DATA: '1',
    // Redaction is git's default; said here so that no environment can turn it off for a probe.
    GIT_TRACE_REDACT: '1',
  };
  if (access.proxy === 'direct') config.push(['http.proxy', '']);
  else if (access.proxy !== undefined) config.push(['http.proxy', access.proxy]);
  else for (const name of PROXY_ENV) if (env[name] !== undefined) out[name] = env[name];
  if (access.caFile) out.GIT_SSL_CAINFO = access.caFile;
  const cred = access.credential;
  if (cred && 'token' in cred) config.push(['http.extraHeader', `Authorization: Bearer ${cred.token}`]);
  if (cred && 'username' in cred) {
    const script = join(dir, 'askpass.sh');
    await writeFile(
      script,
      '#!/bin/sh\ncase "$1" in\n  Username*) printf \'%s\\n\' "$FLEETSCOPE_PROBE_USERNAME" ;;\n  *) printf \'%s\\n\' "$FLEETSCOPE_PROBE_PASSWORD" ;;\nesac\n',
      { mode: 0o700 },
    );
    out.GIT_ASKPASS = script;
    out.FLEETSCOPE_PROBE_USERNAME = cred.username;
    out.FLEETSCOPE_PROBE_PASSWORD = cred.password;
  }
  out.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${i}`] = key;
    out[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return out;
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  timeoutMs: number;
  signal: AbortSignal;
  /** Checked every 250 ms while git runs; true stops it as `capped`. */
  overCap?: () => Promise<boolean>;
  onStarted?: (pid: number) => void;
  now?: () => number;
}

/**
 * Runs git in its own process group, so a timeout, a cancellation or the size cap stops git and
 * every helper it started (`git-remote-https`, `index-pack`) at once; none outlives the run.
 */
export function runGit(args: string[], o: RunOptions): Promise<GitRun> {
  const now = o.now ?? performance.now.bind(performance);
  const started = now();
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stopped: GitRun['stopped'] = null;
    if (child.pid !== undefined) o.onStarted?.(child.pid);
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < 4_000_000) stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString();
    });
    const stop = (why: NonNullable<GitRun['stopped']>): void => {
      stopped ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone: git ended on its own between the check and the kill.
      }
    };
    const timer = setTimeout(() => stop('timeout'), o.timeoutMs);
    const onAbort = (): void => stop('cancelled');
    if (o.signal.aborted) onAbort();
    o.signal.addEventListener('abort', onAbort);
    const capCheck = o.overCap
      ? setInterval(() => {
          void o.overCap?.().then((over) => {
            if (over) stop('capped');
          });
        }, 250)
      : null;
    const finish = (code: number | null, spawnError?: Error): void => {
      clearTimeout(timer);
      if (capCheck) clearInterval(capCheck);
      o.signal.removeEventListener('abort', onAbort);
      if (spawnError) stderr += spawnError.message;
      resolve({ code, stdout, stderr, stopped, ms: now() - started });
    };
    child.on('error', (err) => finish(null, err));
    child.on('close', (code) => finish(code));
  });
}

/** Bytes under a folder (the pack git is receiving), 0 when it does not exist yet. */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    try {
      const s = await stat(join(dir, name));
      total += s.isDirectory() ? await folderBytes(join(dir, name)) : s.size;
    } catch {
      // A temporary pack renamed while being counted: it is counted under its new name next time.
    }
  }
  return total;
}

/** The system's git and its version; refuses with what to install when it is missing or too old. */
export async function checkGit(): Promise<string> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' };
  // Not cancellable: it takes milliseconds, and a cancelled probe must not read as "git is missing".
  const run = await runGit(['--version'], { env, cwd: tmpdir(), timeoutMs: 10_000, signal: new AbortController().signal });
  if (run.stopped === 'timeout') {
    throw new FleetApiError('not-available', '`git --version` did not answer within 10 s: the clone doctor cannot use this git. Check the git on the PATH.');
  }
  const version = /git version (\d+\.\d+(?:\.\d+)?)/.exec(run.stdout)?.[1];
  if (run.code !== 0 || version === undefined) {
    throw new FleetApiError(
      'not-available',
      `git was not found on this machine (${run.stderr.trim() || 'no answer from `git --version`'}): the clone doctor runs the system's git. Install git ${MIN_GIT_VERSION} or later (apt-get install git, brew install git, or git-scm.com) and make sure it is on the PATH.`,
    );
  }
  if (compareVersions(version, MIN_GIT_VERSION) < 0) {
    throw new FleetApiError(
      'not-available',
      `git ${version} is too old for the clone doctor: it needs git ${MIN_GIT_VERSION} or later, which keeps credentials off the command line. Upgrade git.`,
    );
  }
  return version;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProbeCacheOutcome, ProbeClone, ProbeEndpoint, ProbeTransport } from '../../../shared/model/probe';
import type { SshCloneConfig } from '../config/ssh-clone-config';
import { folderBytes, gitEnv, runGit, withWorkDir, type GitAccess, type GitRun } from './git-run';
import { knownHostsWhere, sshEndpointOf, sshGitEnv } from './ssh-access';
import { sshProblem } from './ssh-errors';
import { connectMs, parseTrace2, phasesOf, sshConnectMs } from './trace-phases';
import { verdictOf } from './verdict';

export interface EndpointTarget {
  label: string;
  kind: ProbeEndpoint['kind'];
  transport: ProbeTransport;
  url: string;
  /** Whether this endpoint's clones go through the primary's SCM cache (the primary and its nodes). */
  cached: boolean;
}

export interface CacheCounters {
  hits: number;
  misses: number;
}

export interface EndpointOptions {
  access: GitAccess;
  /** The primary's `ssh` section; needed for targets over SSH. */
  ssh: SshCloneConfig | undefined;
  full: boolean;
  capBytes: number;
  timeoutMs: number;
  signal: AbortSignal;
  /** The primary's ref advertisement, to compare with; null when probing the primary itself or it failed. */
  primaryRefs: Map<string, string> | null;
  /** The repository's SCM cache counters now, or null when they cannot be read. */
  cacheCounters: () => Promise<CacheCounters | null>;
  /** Called with git's process id while it runs (tests read its command line). */
  onGitStarted?: (pid: number) => void;
}

export interface EndpointResult {
  endpoint: ProbeEndpoint;
  refs: Map<string, string> | null;
}

/** `git ls-remote` then a clone into a folder that is always removed; phases from git's trace. */
export async function probeEndpoint(target: EndpointTarget, o: EndpointOptions): Promise<EndpointResult> {
  const started = performance.now();
  const remaining = (): number => Math.max(1_000, o.timeoutMs - (performance.now() - started));
  return withWorkDir(async (dir) => {
    const prepared = await endpointEnv(target, o, dir);
    if ('error' in prepared) return { endpoint: failedBeforeGit(target, prepared.error), refs: null };
    const env = prepared.env;
    const ls = await runGit(['ls-remote', '--', target.url], {
      env,
      cwd: dir,
      timeoutMs: remaining(),
      signal: o.signal,
      ...(o.onGitStarted ? { onStarted: o.onGitStarted } : {}),
    });
    const lsError = problem(ls, 'git ls-remote', target, o.ssh);
    const refs = lsError === null ? parseRefs(ls.stdout) : null;
    const compared = compareRefs(refs, o.primaryRefs);
    let clone: ProbeClone | null = null;
    let cloneError: string | null = null;
    let cache: ProbeCacheOutcome = target.cached ? 'unknown' : 'not-counted';
    if (lsError === null) {
      const before = target.cached ? await o.cacheCounters() : null;
      const ran = await cloneOnce(target, dir, env, o, remaining());
      clone = ran.clone;
      cloneError = ran.error;
      if (target.cached) cache = cacheOutcome(before, await o.cacheCounters());
    }
    const error = lsError ?? cloneError;
    const endpoint = resultOf(target, {
      error,
      lsRemoteMs: ls.stopped === null ? ls.ms : null,
      refs: refs === null ? null : { count: refs.size, head: refs.get('HEAD') ?? null },
      refsMatchPrimary: compared.match,
      refsNote: compared.note,
      clone,
      cache,
    });
    return { endpoint, refs };
  });
}

/**
 * git's environment for one endpoint. Over SSH the HTTP credential is left out (ssh authenticates
 * with the key); a key or known_hosts file that cannot be read fails this endpoint before git runs.
 */
async function endpointEnv(target: EndpointTarget, o: EndpointOptions, dir: string): Promise<{ env: NodeJS.ProcessEnv } | { error: string }> {
  if (target.transport === 'http') return { env: await gitEnv(o.access, dir) };
  if (!o.ssh) return { error: "No `ssh` section in the primary's config: this endpoint cannot be probed over SSH." };
  const env = await gitEnv({ ...o.access, credential: undefined }, dir);
  try {
    return { env: { ...env, ...(await sshGitEnv(o.ssh, dir)) } };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const failedBeforeGit = (target: EndpointTarget, error: string): ProbeEndpoint =>
  resultOf(target, {
    error,
    lsRemoteMs: null,
    refs: null,
    refsMatchPrimary: null,
    refsNote: null,
    clone: null,
    cache: target.cached ? 'unknown' : 'not-counted',
  });

/** What was found at an endpoint, with the endpoint's names and its verdict. */
function resultOf(target: EndpointTarget, found: Omit<ProbeEndpoint, 'verdict' | 'label' | 'kind' | 'transport' | 'url'>): ProbeEndpoint {
  const endpoint = { label: target.label, kind: target.kind, transport: target.transport, url: target.url, ...found };
  return { ...endpoint, verdict: verdictOf(endpoint) };
}

async function cloneOnce(
  target: EndpointTarget,
  dir: string,
  env: NodeJS.ProcessEnv,
  o: EndpointOptions,
  timeoutMs: number,
): Promise<{ clone: ProbeClone | null; error: string | null }> {
  const url = target.url;
  const into = join(dir, 'clone');
  const args = ['clone', '--no-checkout', '--progress', ...(o.full ? [] : ['--depth', '1']), '--', url, into];
  // A fresh trace per run: the ls-remote's events are not the clone's.
  await Promise.all([rm(join(dir, 'trace2.json'), { force: true }), rm(join(dir, 'curl.txt'), { force: true })]);
  const run = await runGit(args, {
    env,
    cwd: dir,
    timeoutMs,
    signal: o.signal,
    ...(o.onGitStarted ? { onStarted: o.onGitStarted } : {}),
    overCap: async () => (await folderBytes(join(into, '.git', 'objects'))) > o.capBytes,
  });
  const packBytes = await folderBytes(join(into, '.git', 'objects', 'pack'));
  const events = parseTrace2(await readFile(join(dir, 'trace2.json'), 'utf8').catch(() => ''));
  const connect = target.transport === 'ssh' ? sshConnectMs(events) : connectMs(await readFile(join(dir, 'curl.txt'), 'utf8').catch(() => ''));
  const phases = phasesOf(events, connect);
  const error = run.stopped === 'capped' ? null : problem(run, 'git clone', target, o.ssh);
  if (phases === null) return { clone: null, error: error ?? 'git wrote no trace for the clone, so its phases are unknown.' };
  const transfer = phases.phases.find((p) => p.name === 'transfer')?.ms ?? 0;
  const outcome: ProbeClone['outcome'] = run.stopped ?? (run.code === 0 ? 'ok' : 'failed');
  return {
    clone: {
      outcome,
      totalMs: phases.totalMs,
      phases: phases.phases,
      packBytes: packBytes > 0 ? packBytes : null,
      bytesPerSecond: packBytes > 0 && transfer > 0 ? (packBytes * 1000) / transfer : null,
      shallow: !o.full,
    },
    error,
  };
}

/** What went wrong with a git run, in words; null when it succeeded. */
function problem(run: GitRun, what: string, target: EndpointTarget, ssh: SshCloneConfig | undefined): string | null {
  if (run.stopped === 'timeout') return `${what} did not finish within the time allowed and was stopped.`;
  if (run.stopped === 'cancelled') return 'Cancelled.';
  if (run.code === 0) return null;
  const url = target.url;
  if (target.transport === 'ssh' && ssh) {
    const said = sshProblem(run.stderr, what, { ...sshEndpointOf(url), knownHosts: knownHostsWhere(ssh) });
    if (said !== null) return said;
  }
  const said = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(fatal|error|remote):/.test(l))
    .join(' ')
    .replaceAll(url, 'the URL');
  const text = said || run.stderr.trim().split('\n').at(-1) || `exit code ${run.code}`;
  if (/Authentication failed|401/.test(text)) return `${what}: the server refused the read credential (${text}). Check the primary's \`read\` credential.`;
  if (/Could not resolve|Failed to connect|Connection refused|Couldn't connect/i.test(text))
    return `${what}: could not connect (${text}). Is the server up and reachable from this machine?`;
  if (/SSL|certificate/i.test(text))
    return `${what}: TLS failed (${text}). Set \`tls.caFile\` for this primary to the CA that signed the server's certificate.`;
  return `${what} failed: ${text}`;
}

/** `sha<TAB>ref` lines → ref → sha. */
export function parseRefs(text: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [sha, ref] = line.split('\t');
    if (sha && ref && /^[0-9a-f]{40,64}$/.test(sha)) refs.set(ref.trim(), sha);
  }
  return refs;
}

function compareRefs(here: Map<string, string> | null, primary: Map<string, string> | null): { match: boolean | null; note: string | null } {
  if (here === null || primary === null) return { match: null, note: null };
  const differing = [...new Set([...here.keys(), ...primary.keys()])].filter((ref) => ref !== 'HEAD' && here.get(ref) !== primary.get(ref));
  if (differing.length === 0) return { match: true, note: null };
  const first = differing[0] as string;
  const short = (sha: string | undefined): string => (sha === undefined ? 'missing' : sha.slice(0, 7));
  const more = differing.length > 1 ? ` (and ${differing.length - 1} more)` : '';
  return {
    match: false,
    note: `${first.replace(/^refs\/heads\//, '')} is at ${short(here.get(first))} here and ${short(primary.get(first))} on the primary${more}`,
  };
}

/** A clone is a hit when only hits went up, a miss when only misses did; both or neither: not sure. */
function cacheOutcome(before: CacheCounters | null, after: CacheCounters | null): ProbeCacheOutcome {
  if (before === null || after === null) return 'unknown';
  const hits = after.hits - before.hits;
  const misses = after.misses - before.misses;
  if (hits > 0 && misses === 0) return 'hit';
  if (misses > 0 && hits === 0) return 'miss';
  return 'uncertain';
}

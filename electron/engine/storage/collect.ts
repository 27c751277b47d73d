import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fullJitterBackoff } from '../../../shared/logic/backoff';
import type { ErrorCode } from '../../../shared/model/status';
import { FleetError } from '../http/fleet-error';
import { readGeoRep, readHealInfo, readPeers, readQuota, readVolumeGet, readVolumeInfo, readVolumeStatus } from './gluster-parse';
import type {
  GlusterGeoRepSession,
  GlusterHealBrick,
  GlusterOption,
  GlusterPeer,
  GlusterQuotaLimit,
  GlusterVolumeInfo,
  GlusterVolumeStatus,
} from './gluster-types';
import { parseCliOutput, type CliOutcome, type XmlNode } from './gluster-xml';
import type { CommandResult, GlusterRunner } from './runner';

/** A part of a poll that could be read, or why not, in words a person can act on. */
export type Part<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; glusterdDown?: true };

export interface HealReading {
  at: number;
  bricks: GlusterHealBrick[];
  /** Entries of `heal info split-brain`, read only when the summary counts some. */
  splitBrainFiles: Part<GlusterHealBrick[]> | null;
}

/** Everything one poll read from the cluster, before any judgement. */
export interface ClusterObservation {
  at: number;
  /** How many gluster commands the poll ran. */
  commands: number;
  volumes: GlusterVolumeInfo[];
  status: Part<Map<string, GlusterVolumeStatus>>;
  detail: Part<Map<string, GlusterVolumeStatus>>;
  peers: Part<GlusterPeer[]>;
  globalOptions: Part<Map<string, GlusterOption>>;
  volumeOptions: Map<string, Part<Map<string, GlusterOption>>>;
  geoRep: Part<GlusterGeoRepSession[]>;
  quota: Map<string, Part<GlusterQuotaLimit[]>>;
  /** Present only on polls that ran heal info. */
  heal: Map<string, Part<HealReading>> | null;
}

export interface CollectOptions {
  runner: GlusterRunner;
  /** Counts the commands run, also when the poll fails part-way. */
  counter?: { commands: number };
  timeoutMs: number;
  signal: AbortSignal;
  now: () => number;
  includeHeal: boolean;
  /** Wait before asking again once glusterd refused a command for another's transaction (tests shorten it). */
  retryDelayMs?: number;
}

/**
 * glusterd runs one transaction at a time across the pool: a command arriving while another
 * holds the lock (a second Fleetscope, an admin's command, another source of the same pool) fails
 * with "Another transaction is in progress" or, as seen from `volume get all all` on GlusterFS 10,
 * with no message at all (opRet -2). Every command of a poll only reads, so such a failure is asked
 * again, up to LOCK_ATTEMPTS times in all, before it counts. The wait is jittered: two pollers of
 * one pool that collided once and waited the same second collided again (a real GlusterFS 10.3
 * polled over SSH and the local CLI at once, 4 December 2026).
 */
const LOCK_ATTEMPTS = 3;
const LOCK_CONFLICT = /another transaction|lock/i;
const isLockConflict = (o: { opErrstr: string }): boolean => o.opErrstr.trim() === '' || LOCK_CONFLICT.test(o.opErrstr);

/** A failure of the whole poll: nothing about the cluster could be read. */
export class PollFailure extends FleetError {
  constructor(
    init: ConstructorParameters<typeof FleetError>[0],
    /** glusterd itself does not answer (rule 1), as opposed to SSH or the command failing. */
    readonly glusterdDown: boolean,
  ) {
    super(init);
  }
}

const BASE = ['--mode=script', '--xml'];
/** Gluster names volumes with letters, digits, '-' and '_'; anything else is not passed to a shell. */
const SAFE_VOLUME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * One poll: `volume info` first (the layout everything else is read against), then the rest side
 * by side — status and status detail (one after the other), peers, options, geo-replication, quota
 * where it is on, and heal info summary when it is due. Commands grow with volumes, never with files or repositories.
 */
export async function collect(opts: CollectOptions): Promise<ClusterObservation> {
  const counter = opts.counter ?? { commands: 0 };
  // One listener per command in flight on the poll's signal; a large cluster has many.
  setMaxListeners(256, opts.signal);
  // A status or a quota list takes glusterd's lock on each volume across every server of the pool.
  // Two at once collide on a pool of several servers ("Another transaction is in progress"), and
  // `status all` then leaves the volume out without an error; so they run one after another, and a
  // started volume left out is asked for on its own. That chain is the poll's longest path: its
  // first command starts at once and each one goes ahead of the commands waiting for an SSH channel
  // (docs/storage.md, "Polling").
  const lane: Array<() => void> = [];
  let laneBusy = false;
  const locked = <T>(fn: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        const turn = fn();
        // The next command starts before this one's answer is parsed: the parse is not under the lock.
        const next = (): void => {
          const queued = lane.shift();
          if (queued) queued();
          else laneBusy = false;
        };
        turn.then(next, next);
        turn.then(resolve, reject);
      };
      if (laneBusy) lane.push(start);
      else {
        laneBusy = true;
        start();
      }
    });
  const run = (args: string[]): Promise<CommandResult> => {
    const first = takesPoolLock(args);
    const go = (): Promise<CommandResult> => opts.runner.run([...BASE, ...args], { timeoutMs: opts.timeoutMs, signal: opts.signal, first });
    return first ? locked(go) : go();
  };
  const call = async <T>(args: string[], element: string, read: (root: XmlNode) => T, what: string): Promise<Part<T>> => {
    let result: CommandResult;
    let outcome: CliOutcome;
    for (let attempt = 1; ; attempt++) {
      counter.commands += 1;
      result = await run(args);
      // Errors such as "Connection failed…" may arrive on stderr; XML only ever comes on stdout.
      outcome = parseCliOutput(result.stdout.includes('<cliOutput') ? result.stdout : `${result.stdout}\n${result.stderr}`);
      if (attempt >= LOCK_ATTEMPTS || outcome.kind !== 'op-failed' || !isLockConflict(outcome)) break;
      const delayMs = opts.retryDelayMs ?? 1_000;
      await sleep(delayMs + fullJitterBackoff(attempt - 1, { baseMs: delayMs, capMs: 4 * delayMs }), undefined, { signal: opts.signal });
    }
    if (outcome.kind !== 'ok') return { ok: false, ...describe(outcome, what, opts.runner.endpoint, result.stderr) };
    // Valid XML of another shape (another command's answer, a wrapper printing something else) is not data.
    if (!(element in outcome.root)) {
      return {
        ok: false,
        code: 'malformed',
        message: `${what} on ${opts.runner.endpoint} answered XML without <${element}>; is the command really gluster's CLI?`,
      };
    }
    return { ok: true, value: read(outcome.root) };
  };

  const info = await call(['volume', 'info'], 'volInfo', readVolumeInfo, '`volume info`');
  if (!info.ok) throw new PollFailure({ code: info.code, message: info.message }, info.glusterdDown === true);
  const volumes = info.value.filter((v) => SAFE_VOLUME.test(v.name));
  const started = volumes.filter((v) => v.status === 1);

  const byName = (list: GlusterVolumeStatus[]): Map<string, GlusterVolumeStatus> => new Map(list.map((s) => [s.name, s]));
  const noneStarted: Part<Map<string, GlusterVolumeStatus>> = { ok: true, value: new Map() };
  const tasks: Array<Promise<unknown>> = [];
  const statusOf = async (extra: string[]): Promise<Part<Map<string, GlusterVolumeStatus>>> => {
    if (started.length === 0) return noneStarted;
    const what = (v: string): string => `\`volume status ${[v, ...extra].join(' ')}\``;
    const all = await call(['volume', 'status', 'all', ...extra], 'volStatus', (r) => byName(readVolumeStatus(r)), what('all'));
    if (!all.ok) return all;
    for (const v of started.filter((x) => !all.value.has(x.name))) {
      const one = await call(['volume', 'status', v.name, ...extra], 'volStatus', readVolumeStatus, what(v.name));
      if (one.ok) for (const st of one.value) all.value.set(st.name, st);
    }
    return all;
  };
  const status = statusOf([]);
  const detail = statusOf(['detail']);
  const peers = call(['peer', 'status'], 'peerStatus', readPeers, '`peer status`');
  const globalOptions = call(['volume', 'get', 'all', 'all'], 'volGetopts', readVolumeGet, '`volume get all all`');
  const geoRep = callGeoRep(call);
  const volumeOptions = new Map<string, Part<Map<string, GlusterOption>>>();
  for (const v of volumes) {
    tasks.push(call(['volume', 'get', v.name, 'all'], 'volGetopts', readVolumeGet, `\`volume get ${v.name} all\``).then((p) => volumeOptions.set(v.name, p)));
  }
  const quota = new Map<string, Part<GlusterQuotaLimit[]>>();
  for (const v of started.filter((x) => x.options.get('features.quota') === 'on')) {
    tasks.push(call(['volume', 'quota', v.name, 'list'], 'volQuota', readQuota, `\`volume quota ${v.name} list\``).then((p) => quota.set(v.name, p)));
  }
  let heal: Map<string, Part<HealReading>> | null = null;
  if (opts.includeHeal) {
    heal = new Map();
    const healMap = heal;
    for (const v of started.filter(hasHeal)) tasks.push(readHeal(v.name, call, opts.now).then((p) => healMap.set(v.name, p)));
  }
  const [s, d, p, g, geo] = await Promise.all([status, detail, peers, globalOptions, geoRep, ...tasks]);
  return { at: opts.now(), commands: counter.commands, volumes, status: s, detail: d, peers: p, globalOptions: g, volumeOptions, geoRep: geo, quota, heal };
}

/** Commands that take glusterd's lock on volumes across the pool: run one at a time. */
export const takesPoolLock = (args: readonly string[]): boolean => args[0] === 'volume' && (args[1] === 'status' || args[1] === 'quota');

/** Replicated and dispersed volumes self-heal; a plain distribute volume has nothing to heal. */
export const hasHeal = (v: GlusterVolumeInfo): boolean => v.replicaCount > 1 || v.disperseCount > 0;

type Call = <T>(args: string[], element: string, read: (root: XmlNode) => T, what: string) => Promise<Part<T>>;

/** "geo-replication command failed" (not XML, even under --xml) is what a cluster without sessions says. */
async function callGeoRep(call: Call): Promise<Part<GlusterGeoRepSession[]>> {
  const part = await call(['volume', 'geo-replication', 'status'], 'geoRep', readGeoRep, '`volume geo-replication status`');
  if (!part.ok && part.code === 'not-available' && /geo-replication command failed/i.test(part.message)) return { ok: true, value: [] };
  return part;
}

async function readHeal(volume: string, call: Call, now: () => number): Promise<Part<HealReading>> {
  const summary = await call(['volume', 'heal', volume, 'info', 'summary', '--nolog'], 'healInfo', readHealInfo, `\`volume heal ${volume} info summary\``);
  if (!summary.ok) return summary;
  const at = now();
  const splitBrain = summary.value.some((b) => (b.splitBrain ?? 0) > 0);
  const files = splitBrain
    ? await call(['volume', 'heal', volume, 'info', 'split-brain', '--nolog'], 'healInfo', readHealInfo, `\`volume heal ${volume} info split-brain\``)
    : null;
  return { ok: true, value: { at, bricks: summary.value, splitBrainFiles: files } };
}

/** Why a command's output is not usable, for the person reading the Storage view. */
function describe(
  outcome: Exclude<CliOutcome, { kind: 'ok' }>,
  what: string,
  endpoint: string,
  stderr: string,
): { code: ErrorCode; message: string; glusterdDown?: true } {
  switch (outcome.kind) {
    case 'glusterd-down':
      return {
        glusterdDown: true,
        code: 'refused',
        message: `glusterd on ${endpoint} is not answering ("${outcome.text}"). Start it (\`systemctl start glusterd\`); bricks keep serving data meanwhile, but nothing can be checked or changed.`,
      };
    case 'op-failed':
      return {
        code: 'server-error',
        message: `${what} failed on ${endpoint}: ${outcome.opErrstr || `opRet ${outcome.opRet}, opErrno ${outcome.opErrno ?? '?'}`}.`,
      };
    case 'not-xml':
      return { code: 'not-available', message: `${what} on ${endpoint} printed text instead of XML: "${outcome.text}".` };
    case 'malformed':
      return { code: 'malformed', message: `${what} on ${endpoint} printed broken XML (${outcome.reason}); the output was probably cut off.` };
    case 'empty':
      return {
        code: 'malformed',
        message: `${what} on ${endpoint} printed nothing${stderr.trim() ? ` (stderr: ${stderr.trim().slice(0, 200)})` : ''}. Check that the command is gluster's CLI and that this user may run it.`,
      };
  }
}

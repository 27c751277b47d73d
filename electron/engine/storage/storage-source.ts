import type { StorageFinding, StorageSource, TargetStatus, Volume } from '../../../shared/model';
import { STATUS_RANK } from '../../../shared/model';
import type { StorageSourceConfig } from '../config/storage-config-schema';
import { toTargetError } from '../http/fleet-error';
import type { HistoryStore } from '../store/history-store';
import { assemble, SourceMemory } from './assemble';
import { candidate } from './candidate';
import { collect, PollFailure } from './collect';
import { FindingTracker } from './finding-tracker';
import type { GlusterRunner } from './runner';

export interface SourceDeps {
  runner: GlusterRunner;
  store: HistoryStore;
  now: () => number;
  pollIntervalSeconds: number;
}

/** Codes that mean the cluster (or the way to it) is not there, as opposed to not understood. */
const DOWN_CODES = new Set(['refused', 'dns', 'network']);

/** A source before its first poll (or never polled: a blocked one passes its reason). */
export function initialStorageSource(
  config: StorageSourceConfig,
  where: Pick<GlusterRunner, 'transport' | 'endpoint'>,
  pollIntervalSeconds: number,
  reason: { statusMessage: string; lastError: StorageSource['lastError'] } = { statusMessage: 'Not polled yet', lastError: null },
): StorageSource {
  return {
    id: config.id,
    name: config.name,
    status: 'unknown',
    ...reason,
    transport: where.transport,
    endpoint: where.endpoint,
    lastPollAt: null,
    lastSuccessAt: null,
    stale: false,
    pollIntervalSeconds,
    healIntervalSeconds: config.healIntervalSeconds,
    pollDurationMs: null,
    commandsLastPoll: null,
    opVersion: null,
    maxOpVersion: null,
    peers: null,
    geoReplication: null,
    volumes: [],
    findings: [],
  };
}

/**
 * One GlusterFS cluster: polls it, keeps what it learnt (last good volumes, heal readings,
 * hysteresis), records history and answers its part of the snapshot.
 */
export class StorageSourcePoller {
  private readonly memory = new SourceMemory();
  private readonly connection = new FindingTracker();
  private lastHealAttempt: number | null = null;
  private model: StorageSource;

  constructor(
    readonly config: StorageSourceConfig,
    private readonly deps: SourceDeps,
  ) {
    this.model = initialStorageSource(config, deps.runner, deps.pollIntervalSeconds);
  }

  /**
   * One poll. `heal` says whether it also reads heal info: `always` on the heal schedule and when
   * someone asked for this source (poll-now, a demo fault, an action), `never` on the regular
   * schedule, `if-due` when the caller keeps no schedule of its own.
   */
  async poll(signal: AbortSignal, heal: 'always' | 'never' | 'if-due'): Promise<void> {
    const { now } = this.deps;
    const started = now();
    const t0 = performance.now();
    const healDue =
      heal === 'always' || (heal === 'if-due' && (this.lastHealAttempt === null || started - this.lastHealAttempt >= this.config.healIntervalSeconds * 1000));
    const counter = { commands: 0 };
    try {
      const obs = await collect({
        runner: this.deps.runner,
        counter,
        timeoutMs: this.config.commandTimeoutSeconds * 1000,
        signal,
        now,
        includeHeal: healDue,
      });
      if (signal.aborted) return;
      if (healDue) this.lastHealAttempt = started;
      const at = now();
      const a = assemble(obs, this.memory, {
        config: this.config,
        now: at,
        healIntervalMs: this.config.healIntervalSeconds * 1000,
        pollIntervalMs: this.deps.pollIntervalSeconds * 1000,
      });
      const findings = [...this.connection.update([], at), ...a.findings];
      const status = sourceStatus(a.volumes, findings, a.missing);
      this.model = {
        ...this.model,
        status,
        statusMessage: statusMessage(a.volumes, findings, a.missing),
        lastPollAt: at,
        lastSuccessAt: at,
        lastError: null,
        pollDurationMs: performance.now() - t0,
        commandsLastPoll: counter.commands,
        opVersion: a.opVersion,
        maxOpVersion: a.maxOpVersion,
        peers: a.peers ?? this.model.peers,
        geoReplication: a.geoReplication ?? this.model.geoReplication,
        volumes: a.volumes,
        findings,
      };
      this.record(at, status, Boolean(obs.heal));
    } catch (err) {
      if (signal.aborted) return;
      const at = now();
      const error = toTargetError(err, at);
      const glusterdDown = err instanceof PollFailure && err.glusterdDown;
      const connection = this.connection.update(
        glusterdDown
          ? [
              candidate({
                rule: 'glusterd-unreachable',
                subject: this.deps.runner.endpoint,
                severity: 'critical',
                title: `glusterd is not running on ${this.deps.runner.endpoint}`,
                explanation:
                  'Nothing about this cluster can be checked or changed until glusterd answers. Bricks keep serving Bitbucket meanwhile, but a brick that dies now is not restarted and heals are not scheduled. Start glusterd on the server.',
                detail: error.message,
              }),
            ]
          : [],
        at,
      );
      const status: TargetStatus = DOWN_CODES.has(error.code) ? 'down' : 'unknown';
      this.model = {
        ...this.model,
        status,
        statusMessage: error.message,
        lastPollAt: at,
        lastError: error,
        pollDurationMs: performance.now() - t0,
        commandsLastPoll: counter.commands,
        // Last good data stays visible, but a volume is never ok on data that could not be refreshed.
        volumes: this.model.volumes.map((v) => ({ ...v, verdict: 'unknown', verdictReason: `No fresh data: ${error.message}` })),
        findings: [...connection, ...this.memory.cluster.findings()],
      };
      this.deps.store.recordPoll({
        targetId: this.config.id,
        at,
        status,
        durationMs: this.model.pollDurationMs ?? 0,
        error,
        figures: { 'poll.durationMs': this.model.pollDurationMs ?? 0 },
      });
      // The scheduler backs off after failures; an unreachable cluster counts as one (as for primaries).
      if (status === 'down') throw err;
    }
  }

  /** When the last poll ended (epoch ms), successful or not. */
  get lastPollAt(): number | null {
    return this.model.lastPollAt;
  }

  /** The source for a snapshot taken now. */
  snapshot(now: number): StorageSource {
    const m = this.model;
    const stale =
      m.lastPollAt !== null && (m.lastSuccessAt === null || m.lastPollAt > m.lastSuccessAt || now - m.lastSuccessAt > 2 * m.pollIntervalSeconds * 1000);
    return { ...m, stale };
  }

  private record(at: number, status: TargetStatus, healRead: boolean): void {
    const volumes = this.model.volumes.map((v) => {
      const used = v.bricks.map((b) => b.usedPercent).filter((n): n is number => n !== null);
      // Heal figures only when heal info was read: carried-over readings would draw a flat line.
      const healFresh = healRead && v.heal.at !== null && v.heal.at >= at - this.deps.pollIntervalSeconds * 1000;
      return {
        name: v.name,
        bricksUp: v.bricks.filter((b) => b.status === 'up').length,
        maxUsedPercent: used.length > 0 ? Math.max(...used) : null,
        healPending: healFresh ? v.heal.pending : null,
        splitBrain: healFresh ? v.heal.splitBrain : null,
      };
    });
    const figures = storageFigures(this.model.pollDurationMs ?? 0, status, volumes);
    this.deps.store.recordPoll({ targetId: this.config.id, at, status, durationMs: this.model.pollDurationMs ?? 0, error: null, figures });
  }
}

/** What one poll of a cluster adds to its history (a live poll, or a past one the demo describes); null figures are not written. */
export function storageFigures(
  durationMs: number,
  status: TargetStatus,
  volumes: ReadonlyArray<{ name: string; bricksUp: number; maxUsedPercent: number | null; healPending: number | null; splitBrain: number | null }>,
): Record<string, number> {
  const figures: Record<string, number> = { 'poll.durationMs': durationMs, 'status.rank': STATUS_RANK[status] };
  for (const v of volumes) {
    figures[`bricks.up:${v.name}`] = v.bricksUp;
    if (v.maxUsedPercent !== null) figures[`capacity.maxUsedPercent:${v.name}`] = v.maxUsedPercent;
    if (v.healPending !== null) figures[`heal.pending:${v.name}`] = v.healPending;
    if (v.splitBrain !== null) figures[`heal.splitBrain:${v.name}`] = v.splitBrain;
  }
  return figures;
}

const VERDICT_TO_STATUS = { ok: 'up', unknown: 'unknown', degraded: 'degraded', critical: 'degraded' } as const;

function sourceStatus(volumes: Volume[], findings: StorageFinding[], missing: string[]): TargetStatus {
  let worst: TargetStatus = missing.length > 0 ? 'unknown' : 'up';
  const worse = (s: TargetStatus): void => {
    if (STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  };
  for (const v of volumes) worse(VERDICT_TO_STATUS[v.verdict]);
  for (const f of findings) if (f.state !== 'confirming' && f.severity !== 'info') worse('degraded');
  return worst;
}

function statusMessage(volumes: Volume[], findings: StorageFinding[], missing: string[]): string {
  const bad = volumes.filter((v) => v.verdict === 'critical' || v.verdict === 'degraded');
  const cluster = findings.filter((f) => f.state !== 'confirming' && f.severity !== 'info');
  if (bad.length > 0) {
    const first = bad.find((v) => v.verdict === 'critical') ?? bad[0]!;
    return `${bad.length} of ${volumes.length} volume(s) need attention — ${first.name}: ${first.verdictReason}`;
  }
  if (cluster.length > 0) return cluster[0]!.title;
  const unknown = volumes.filter((v) => v.verdict === 'unknown');
  if (unknown.length > 0) return `${unknown[0]!.name}: ${unknown[0]!.verdictReason}`;
  if (missing.length > 0) return missing[0]!;
  return volumes.length === 0 ? 'No volumes in this cluster' : `All ${volumes.length} volume(s) healthy`;
}

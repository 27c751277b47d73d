import type { AccessLogReport, CacheCounts, CacheOutcome, DurationStats, SlowRepositoryNode } from '../../../shared/model/access-log';
import { GIT_OP_KINDS, type GitOpKind } from '../../../shared/model/git-op-kinds';
import { MIN_NODE_CLONES } from '../../../shared/logic/slow-clone-nodes';
import { addCounts, exportHistograms, mergeHistograms, type AggregateState } from './aggregate-state';
import { ByteKeys } from './byte-keys';
import { clientIp, normaliseRepository } from './log-keys';
import { ConcurrencyTracker } from './concurrency';
import { bucketOf, DurationHistogram } from './histogram';
import { NodeIndex } from './key-node-histograms';
import { LABEL, type AccessLine } from './line-parser';
import { SlowestList } from './slowest';
import { nodeStats, type NodeDurations, type TopK } from './top-k';
import { TopListsTally } from './top-lists-tally';

/** Operations are counted in 5-minute slots; the report merges them into its interval. */
export const SLOT_MS = 5 * 60_000;
/** Keys kept exactly per top list (up to twice as many before the least used half goes). */
const TOP_CAPACITY = 10_000;
const SLOWEST = 25;
/** Repositories with a slow node named in a report, the worst first. */
const SLOW_REPOSITORY_NODES = 20;
const MAX_EXAMPLES = 20;
const EXAMPLE_CHARS = 300;
/** Intervals the report picks from when none is asked for: the finest with at most this many points. */
const AUTO_INTERVALS_MS = [5, 15, 60, 360, 1440].map((m) => m * 60_000);
const MAX_POINTS = 400;

export interface AggregateOptions {
  from?: number | null;
  to?: number | null;
  intervalMs?: number | null;
  hostingLimit?: number | null;
}

/** Cache outcomes as indexes into counters: hit, miss, none. */
const OUTCOMES: readonly CacheOutcome[] = ['hit', 'miss', 'none'];
const countsAt = (c: Uint32Array, row: number): CacheCounts => ({ hit: c[row * 3]!, miss: c[row * 3 + 1]!, none: c[row * 3 + 2]! });
const byKind = <T>(make: () => T): Record<GitOpKind, T> => Object.fromEntries(GIT_OP_KINDS.map((k) => [k, make()])) as Record<GitOpKind, T>;

/** Everything the figures need, in memory that does not grow with the log's size. */
export class AccessLogAggregator {
  readonly lines = { total: 0, git: 0, other: 0, outOfRange: 0, unparsable: 0, unpairedRequests: 0 };
  private readonly slots = new Map<number, Uint32Array>();
  /** The slot the last operation went to: consecutive lines mostly share one. */
  private slot: Uint32Array | null = null;
  private slotStart = NaN;
  /** Per kind × outcome (`OUTCOMES`): typed counters, not objects indexed by name per line. */
  private readonly cacheByKind = new Uint32Array(GIT_OP_KINDS.length * 3);
  /** Index: ssh×2 + (v2 ? 1 : 0). */
  private readonly cacheByProtocol = new Uint32Array(4 * 3);
  private readonly durationByKind = byKind(() => new DurationHistogram());
  private readonly nodes = new Map<string, DurationHistogram>();
  private readonly cloneNodes = new Map<string, DurationHistogram>();
  /** Node names as ids, and the two maps' histograms by id: one Map lookup an operation, not three. */
  private readonly nodeIds = new NodeIndex();
  private nodeHistograms: Array<DurationHistogram | undefined> = [];
  private cloneNodeHistograms: Array<DurationHistogram | undefined> = [];
  private readonly concurrency = new ConcurrencyTracker();
  private readonly repositoryKeys = new ByteKeys(normaliseRepository);
  private readonly userKeys = new ByteKeys();
  private readonly ipKeys = new ByteKeys(clientIp);
  /**
   * The top lists (repositories; clones and shallow clones per repository with their cache outcome,
   * what a repository's page shows; users; client addresses), counted in batches: read through `lists`.
   */
  private readonly tops = new TopListsTally(TOP_CAPACITY, this.nodeIds, { repository: this.repositoryKeys, user: this.userKeys, ip: this.ipKeys });
  /** The key tables a reader's scan mirrors, in its order (key-mirrors.ts): client address, user, repository. */
  readonly keyTables: readonly ByteKeys[] = [this.ipKeys, this.userKeys, this.repositoryKeys];
  private readonly slowest = new SlowestList(SLOWEST);
  private readonly examples: AccessLogReport['unparsable']['examples'] = [];
  /** Infinity / -Infinity until an operation is seen: numbers only, so storing one per line boxes nothing. */
  private first = Infinity;
  private last = -Infinity;
  private readonly from: number;
  private readonly to: number;

  constructor(private readonly options: AggregateOptions = {}) {
    this.from = options.from ?? -Infinity;
    this.to = options.to ?? Infinity;
    // The batch holds ids of the tables' current generation: counted before a table starts over.
    for (const keys of this.keyTables) keys.beforeStartOver = () => this.tops.flush();
  }

  /** The top lists with every operation counted. */
  private get lists(): TopListsTally {
    this.tops.flush();
    return this.tops;
  }

  /** Whether an operation that ended at `endMs` is in the chosen range. */
  inRange(endMs: number): boolean {
    return endMs >= this.from && endMs < this.to;
  }

  unparsable(source: string, line: number, buf: Buffer, start: number, end: number, reason: string): void {
    this.lines.unparsable += 1;
    if (this.examples.length >= MAX_EXAMPLES) return;
    const text = buf.toString('utf8', start, Math.min(end, start + EXAMPLE_CHARS * 4)).slice(0, EXAMPLE_CHARS);
    this.examples.push({ source, line, text, reason });
  }

  /** Unparsable examples kept so far: a mark for `takeExamples`. */
  get exampleCount(): number {
    return this.examples.length;
  }

  /** Removes the examples kept since `mark` (those of a part read apart, to be put in file order by `addExamples`). */
  takeExamples(mark: number): AccessLogReport['unparsable']['examples'] {
    return this.examples.splice(mark);
  }

  /** Adds examples of a part whose first line is `lineOffset` lines into the log, while there is room. */
  addExamples(examples: AccessLogReport['unparsable']['examples'], lineOffset: number): void {
    for (const e of examples) if (this.examples.length < MAX_EXAMPLES) this.examples.push({ ...e, line: e.line + lineOffset });
  }

  /** One completed git operation: `line` is its response, `startMs` from its request line when paired (NaN when not). */
  operation(line: AccessLine, buf: Buffer, startMs: number, node: string): void {
    const kindIndex = line.kind;
    const kind = GIT_OP_KINDS[kindIndex]!;
    const end = line.time;
    let duration = line.durationMs;
    const paired = !Number.isNaN(startMs);
    if (duration < 0 && paired) duration = end - startMs;
    const start = paired ? startMs : duration >= 0 ? end - duration : end;
    if (end < this.first) this.first = end;
    if (end > this.last) this.last = end;

    const slotStart = Math.floor(end / SLOT_MS) * SLOT_MS;
    if (slotStart !== this.slotStart) {
      let slot = this.slots.get(slotStart);
      if (slot === undefined) {
        slot = new Uint32Array(GIT_OP_KINDS.length);
        this.slots.set(slotStart, slot);
      }
      this.slot = slot;
      this.slotStart = slotStart;
    }
    this.slot![kindIndex]! += 1;

    const l = line.labels;
    const outcome = l & LABEL.hit ? 0 : l & LABEL.miss ? 1 : 2;
    const cache = OUTCOMES[outcome]!;
    this.cacheByKind[kindIndex * 3 + outcome]! += 1;
    this.cacheByProtocol[((line.ssh ? 2 : 0) + (l & LABEL.proto2 ? 1 : 0)) * 3 + outcome]! += 1;

    const clone = kind === 'clone' || kind === 'shallow';
    const bucket = duration >= 0 ? bucketOf(duration) : 0;
    const nodeId = this.nodeIds.id(node);
    if (duration >= 0) {
      this.durationByKind[kind].addIn(bucket, duration);
      (this.nodeHistograms[nodeId] ?? this.nodeHistogram(this.nodeHistograms, this.nodes, nodeId)).addIn(bucket, duration);
      if (clone) (this.cloneNodeHistograms[nodeId] ?? this.nodeHistogram(this.cloneNodeHistograms, this.cloneNodes, nodeId)).addIn(bucket, duration);
      this.concurrency.add(start, end);
    }
    const rk = this.repositoryKeys;
    // Ids the scan found (key mirrors) are the ids these tables give; the others are looked up and written back.
    let repositoryId = line.repoId;
    if (repositoryId < 0) line.repoId = repositoryId = rk.idHashed(buf, line.repoStart, line.repoEnd, line.repoHash);
    let userId = line.userId;
    if (userId < 0) line.userId = userId = this.userKeys.idHashed(buf, line.userStart, line.userEnd, line.userHash);
    let ipId = line.ipId;
    if (ipId < 0) line.ipId = ipId = this.ipKeys.idHashed(buf, line.ipStart, line.ipEnd, line.ipHash);
    this.tops.add(repositoryId, userId, ipId, duration, bucket, clone, outcome, nodeId);
    if (duration >= 0 && this.slowest.admits(duration)) {
      this.slowest.add({
        at: start,
        durationMs: duration,
        kind,
        repository: rk.keyOf(repositoryId),
        user: this.userKeys.keyOf(userId),
        clientIp: this.ipKeys.keyOf(ipId),
        node,
        protocol: line.ssh ? 'ssh' : 'http',
        gitProtocol: l & LABEL.proto2 ? 2 : 1,
        cache,
        status: line.statusEnd > line.statusStart ? buf.toString('latin1', line.statusStart, line.statusEnd) : '',
      });
    }
  }

  /** Node `id`'s histogram in `map` (made when new), remembered in `byId`. */
  private nodeHistogram(byId: Array<DurationHistogram | undefined>, map: Map<string, DurationHistogram>, id: number): DurationHistogram {
    while (byId.length < id) byId.push(undefined);
    const name = this.nodeIds.names[id]!;
    let h = map.get(name);
    if (h === undefined) map.set(name, (h = new DurationHistogram()));
    byId[id] = h;
    return h;
  }

  report(sources: AccessLogReport['sources']): AccessLogReport {
    const lists = this.lists;
    const slotKeys = [...this.slots.keys()].sort((a, b) => a - b);
    const intervalMs = this.options.intervalMs ?? pickInterval(slotKeys);
    const merged = new Map<number, number[]>();
    for (const key of slotKeys) {
      const start = Math.floor(key / intervalMs) * intervalMs;
      const row = merged.get(start) ?? GIT_OP_KINDS.map(() => 0);
      this.slots.get(key)!.forEach((n, i) => (row[i]! += n));
      merged.set(start, row);
    }
    const counts = byKind(() => 0);
    for (const row of merged.values()) GIT_OP_KINDS.forEach((k, i) => (counts[k] += row[i]!));
    const limit = this.options.hostingLimit ?? null;
    const conc = this.concurrency.summarise(intervalMs, limit);
    return {
      sources,
      range: { from: this.options.from ?? null, to: this.options.to ?? null },
      seen: { first: this.first === Infinity ? null : this.first, last: this.last === -Infinity ? null : this.last },
      intervalMs,
      lines: { ...this.lines },
      operations: { total: Object.values(counts).reduce((a, b) => a + b, 0), byKind: counts },
      perInterval: [...merged.entries()].map(([start, row]) => ({ start, byKind: row })),
      cache: {
        byKind: byKindFrom((k) => countsAt(this.cacheByKind, GIT_OP_KINDS.indexOf(k))),
        byProtocol: [0, 1, 2, 3].map((i) => ({
          protocol: i >= 2 ? ('ssh' as const) : ('http' as const),
          gitProtocol: i % 2 === 1 ? (2 as const) : (1 as const),
          counts: countsAt(this.cacheByProtocol, i),
        })),
      },
      durations: {
        byKind: byKindFrom((k) => this.durationByKind[k].stats()),
        byNode: nodeStats(this.nodes),
        clonesByNode: nodeStats(this.cloneNodes),
        slowNodesByRepository: this.slowNodesByRepository(),
      },
      concurrency: { limit, peak: conc.peak, secondsOverLimit: conc.secondsOverLimit, perInterval: conc.perInterval, truncated: this.concurrency.truncated },
      top: {
        repositories: mergeTop(lists.repositories),
        users: mergeTop(lists.users),
        clientIps: mergeTop(lists.clientIps),
      },
      slowest: this.slowest.toArray(),
      unparsable: { count: this.lines.unparsable, examples: [...this.examples] },
    };
  }

  /**
   * Per repository, what its page shows: operations of any kind, its clones' durations and cache
   * outcome. Compact (no histograms), so a finished analysis can be kept for the pages that ask.
   */
  repositoryFigures(): Map<string, RepositoryClones> {
    const out = new Map<string, RepositoryClones>();
    const none = (operations: number): RepositoryClones => ({ operations, clones: NO_CLONES, cache: { hit: 0, miss: 0, none: 0 }, clonesByNode: [] });
    // Only counts from the first list, only node durations for slow nodes: each key's percentiles
    // cost a pass over its histogram, for every key of the log (tens of thousands).
    const lists = this.lists;
    for (const [key, operations] of lists.repositories.operationCounts()) out.set(key, none(operations));
    for (const [key, t] of lists.cloneRepositories.entries()) {
      const entry = out.get(key) ?? none(t.operations);
      out.set(key, { ...entry, clones: t.durations ?? NO_CLONES, cache: t.cache ?? entry.cache, clonesByNode: t.byNode });
    }
    return out;
  }

  /** Per repository, the nodes that served its clones `SLOW_NODE_FACTOR`× slower than its other nodes. */
  private slowNodesByRepository(): SlowRepositoryNode[] {
    const out: SlowRepositoryNode[] = [];
    for (const [repository, slow] of this.lists.cloneRepositories.slowNodes(MIN_NODE_CLONES))
      for (const n of slow) out.push({ repository, node: n.node, p95Ms: n.p95Ms, othersP95Ms: n.othersP95Ms, ratio: n.ratio });
    return out.sort((a, b) => b.ratio - a.ratio || (a.repository < b.repository ? -1 : 1)).slice(0, SLOW_REPOSITORY_NODES);
  }

  /** What this aggregator counted, for another to merge (a worker's range of a log). */
  exportState(): AggregateState {
    const lists = this.lists;
    return {
      lines: { ...this.lines },
      slots: [...this.slots],
      cacheByKind: this.cacheByKind,
      cacheByProtocol: this.cacheByProtocol,
      durationByKind: GIT_OP_KINDS.map((k) => this.durationByKind[k].exportState()),
      nodes: exportHistograms(this.nodes),
      cloneNodes: exportHistograms(this.cloneNodes),
      repositories: lists.repositories.exportState(),
      cloneRepositories: lists.cloneRepositories.exportState(),
      users: lists.users.exportState(),
      clientIps: lists.clientIps.exportState(),
      concurrency: this.concurrency.exportState(),
      slowest: this.slowest.toArray(),
      examples: this.examples,
      first: this.first,
      last: this.last,
    };
  }

  /**
   * Adds what another aggregator counted over a later part of the same reading (the next range of a
   * log): every figure is a sum, a maximum or a list in a total order, so merging is exact.
   * `lineOffset`: lines of this log before that part, so its unparsable examples keep their numbers.
   */
  mergeState(s: AggregateState, lineOffset: number): void {
    for (const k of Object.keys(this.lines) as Array<keyof typeof this.lines>) this.lines[k] += s.lines[k];
    for (const [key, counts] of s.slots) {
      const mine = this.slots.get(key);
      if (mine === undefined) this.slots.set(key, Uint32Array.from(counts));
      else addCounts(mine, counts);
    }
    this.slotStart = NaN;
    addCounts(this.cacheByKind, s.cacheByKind);
    addCounts(this.cacheByProtocol, s.cacheByProtocol);
    GIT_OP_KINDS.forEach((k, i) => this.durationByKind[k].mergeFrom(s.durationByKind[i]!));
    mergeHistograms(this.nodes, s.nodes);
    mergeHistograms(this.cloneNodes, s.cloneNodes);
    // Histograms the merge made are in the maps only: looked up by name again.
    this.nodeHistograms = [];
    this.cloneNodeHistograms = [];
    const lists = this.lists;
    lists.repositories.mergeFrom(s.repositories);
    lists.cloneRepositories.mergeFrom(s.cloneRepositories);
    lists.users.mergeFrom(s.users);
    lists.clientIps.mergeFrom(s.clientIps);
    this.concurrency.mergeFrom(s.concurrency);
    for (const op of s.slowest) if (this.slowest.admits(op.durationMs)) this.slowest.add(op);
    this.addExamples(s.examples, lineOffset);
    this.first = Math.min(this.first, s.first);
    this.last = Math.max(this.last, s.last);
  }
}

/** One repository's figures from the logs: see `repositoryFigures`. */
export interface RepositoryClones {
  operations: number;
  clones: DurationStats;
  cache: CacheCounts;
  /** This repository's clones per node that served them. */
  clonesByNode: NodeDurations[];
}
const NO_CLONES: DurationStats = { count: 0, p50Ms: null, p95Ms: null, maxMs: null };

const TOP_N = 20;
/** The top by operations and the top by total time, one list (a key in both appears once). */
function mergeTop(top: TopK): AccessLogReport['top']['repositories'] {
  const seen = new Set<string>();
  return [...top.top(TOP_N, 'operations'), ...top.top(TOP_N, 'time')].filter((e) => !seen.has(e.key) && seen.add(e.key));
}

function byKindFrom<T>(f: (k: GitOpKind) => T): Record<GitOpKind, T> {
  return Object.fromEntries(GIT_OP_KINDS.map((k) => [k, f(k)])) as Record<GitOpKind, T>;
}

function pickInterval(slotKeys: number[]): number {
  if (slotKeys.length === 0) return 3_600_000;
  const span = slotKeys[slotKeys.length - 1]! - slotKeys[0]! + SLOT_MS;
  return AUTO_INTERVALS_MS.find((ms) => span / ms <= MAX_POINTS) ?? AUTO_INTERVALS_MS[AUTO_INTERVALS_MS.length - 1]!;
}

import { COUNT_KEY, type MirrorRepoCounts, type ProjectSelection, type RepoSyncState } from '../../../shared/model/mirror';
import { formatDuration } from '../../../shared/logic/units';
import { MirrorRows } from './mirror-rows';
import type { NodeSyncData, SyncEntries, UpstreamRepo } from './normalise-mirror';
import { SyncEntryTable, type EntryFacts } from './sync-entry-table';
import { HASH, upstreamTable, type UpstreamTable } from './upstream-table';

/**
 * Each repository's state per node, derived as reference §7 suggests — Bitbucket has no such
 * field. Pure: the same inputs give the same rows, whatever the fleet.
 */

export interface DeriveInput {
  now: number;
  /** The primary's repositories with their hashes (a sweep's table, or a Map of a few), or null when they could not be read. */
  upstream: UpstreamTable | ReadonlyMap<string, UpstreamRepo> | null;
  /** Why the upstream hashes are missing, for the reason column. */
  upstreamProblem: string | null;
  /** Which projects the mirror synchronizes, or null when unknown. */
  selection: ProjectSelection | null;
  /** True while the mirror's initial synchronization runs (`progress`): absent repositories are still coming. */
  initialSyncRunning: boolean;
  /** `mirrorRepos/delayed-sync`, or null when not available (8.x, older 9.x, or it failed). */
  delayed: ReadonlySet<string> | null;
  /** Repositories in the farm's ref-changes queue, or null when unknown. */
  queued: ReadonlySet<string> | null;
  nodes: readonly NodeSyncData[];
  /** A change not applied within this long, and not listed as delayed, counts as LAGGING. */
  toleranceMs: number;
  /**
   * Per node (same order as `nodes`): when each repository was first seen differing from the
   * primary. Read and updated here; entries of an unreachable node are kept as they were.
   */
  pendingSince: Map<string, number>[];
}

export interface DeriveOutput {
  /** Compact: a row object is made only when asked for (mirror-rows.ts). */
  rows: MirrorRows;
  /** Each repository once, in its worst state across the nodes. */
  farm: MirrorRepoCounts;
  /** Per node, in the order of `nodes`; null for a node without data. */
  perNode: (MirrorRepoCounts | null)[];
  /** Age of the oldest change not yet applied on a reachable node (s); 0 when none; null when no node answered. */
  lagSeconds: number | null;
}

/** Worst first: where the nodes disagree, a repository shows its worst state. */
const SEVERITY: Record<RepoSyncState, number> = { FAILING: 5, LAGGING: 4, UNKNOWN: 3, SYNCING: 2, IN_SYNC: 1, NOT_MIRRORED: 0 };

export const emptyCounts = (): MirrorRepoCounts => ({ inSync: 0, syncing: 0, lagging: 0, failing: 0, notMirrored: 0, unknown: 0 });

export function worstState(states: readonly RepoSyncState[]): RepoSyncState {
  let worst: RepoSyncState | null = null;
  for (const s of states) if (worst === null || SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst ?? 'UNKNOWN';
}

interface Verdict {
  state: RepoSyncState;
  reason: string;
  /** When the pending change was first seen, for the lag; null when nothing is pending. */
  pendingSince: number | null;
}

export function deriveFarm(input: DeriveInput): DeriveOutput {
  const table = input.upstream === null ? null : upstreamTable(input.upstream);
  const ids = repoIds(table, input.nodes);
  const farm = emptyCounts();
  const perNode = input.nodes.map((n) => (n.ok ? emptyCounts() : null));
  const nextPending = input.nodes.map((n, i) => (n.ok ? new Map<string, number>() : (input.pendingSince[i] ?? new Map<string, number>())));
  let oldest: number | null = null;
  const rows = new MirrorRows(table, input.nodes, ids.length);
  // One verdict per node, reused from row to row: no per-cell object outlives its row.
  const cells: Verdict[] = [];
  for (let k = 0; k < ids.length; k++) {
    const repoId = ids[k]!;
    // The table's repositories come first, at their own rows.
    const row = table === null ? -1 : k < table.size ? k : table.rowOf(repoId);
    const worst = judgeRow(input, table, repoId, row, cells);
    for (let i = 0; i < input.nodes.length; i++) {
      const verdict = cells[i]!;
      if (input.nodes[i]!.ok) {
        const counts = perNode[i];
        if (counts) counts[COUNT_KEY[verdict.state]] += 1;
        if (verdict.pendingSince !== null) {
          nextPending[i]!.set(repoId, verdict.pendingSince);
          if (oldest === null || verdict.pendingSince < oldest) oldest = verdict.pendingSince;
        }
      }
    }
    farm[COUNT_KEY[worst]] += 1;
    rows.push(repoId, worst, cells);
  }
  input.pendingSince.splice(0, input.pendingSince.length, ...nextPending);
  const anyNode = input.nodes.some((n) => n.ok);
  const lagSeconds = !anyNode ? null : oldest === null ? 0 : Math.max(0, Math.round((input.now - oldest) / 1000));
  return { rows, farm, perNode, lagSeconds };
}

/**
 * The derivation of `input` from `last`, the derivation of the same inputs (at the same `now`)
 * with other delayed-sync and ref-changes queue lists: only the repositories in `changed` (those
 * whose membership in either list changed) are judged again, not every repository at each poll
 * (issue 13: a regular cycle's cost must not grow with repositories). The lists choose between
 * LAGGING and SYNCING for a change not applied yet, never whether one is pending or since when, so
 * the pending times and the lag stay as they were. `last.rows` is updated in place; the counts
 * are new objects.
 */
export function rederiveLists(last: DeriveOutput, input: DeriveInput, changed: Iterable<string>): DeriveOutput {
  const table = input.upstream === null ? null : upstreamTable(input.upstream);
  const farm = { ...last.farm };
  const perNode = last.perNode.map((c) => (c === null ? null : { ...c }));
  const cells: Verdict[] = [];
  for (const repoId of changed) {
    const i = last.rows.indexOf(repoId);
    if (i < 0) continue;
    const worst = judgeRow(input, table, repoId, table === null ? -1 : table.rowOf(repoId), cells);
    farm[COUNT_KEY[last.rows.state(i)]] -= 1;
    farm[COUNT_KEY[worst]] += 1;
    perNode.forEach((counts, n) => {
      if (counts === null) return;
      counts[COUNT_KEY[last.rows.cellState(i, n)]] -= 1;
      counts[COUNT_KEY[cells[n]!.state]] += 1;
    });
    last.rows.set(i, worst, cells);
  }
  return { rows: last.rows, farm, perNode, lagSeconds: last.lagSeconds };
}

/** The repositories in exactly one of two lists (an absent list names none): those `rederiveLists` judges again. */
export function listChanges(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): string[] {
  const out: string[] = [];
  for (const id of a ?? []) if (!b?.has(id)) out.push(id);
  for (const id of b ?? []) if (!a?.has(id)) out.push(id);
  return out;
}

/** One repository judged on every node into `cells` (in the nodes' order); its worst state. */
function judgeRow(input: DeriveInput, table: UpstreamTable | null, repoId: string, row: number, cells: Verdict[]): RepoSyncState {
  let state: RepoSyncState | null = null;
  for (let i = 0; i < input.nodes.length; i++) {
    const verdict = judge(input, table, repoId, row, input.nodes[i]!, input.pendingSince[i]);
    cells[i] = verdict;
    if (state === null || SEVERITY[verdict.state] > SEVERITY[state]) state = verdict.state;
  }
  return state ?? 'UNKNOWN';
}

const entryFacts: EntryFacts = { present: false, failedSyncCount: 0, contentNull: true, metadataNull: true, contentEqual: false, metadataEqual: false };

/** A node's entry as judge compares it with the primary's row: from a sweep's columns, or from the entry itself. */
function factsOf(entries: SyncEntries, repoId: string, table: UpstreamTable | null, row: number): EntryFacts {
  if (entries instanceof SyncEntryTable) {
    const facts = entries.facts(repoId, table, row);
    if (facts !== null) return facts;
  }
  const e = entries.get(repoId);
  const f = entryFacts;
  f.present = e !== undefined;
  f.failedSyncCount = e?.failedSyncCount ?? 0;
  f.contentNull = (e?.content ?? null) === null;
  f.metadataNull = (e?.metadata ?? null) === null;
  f.contentEqual = e !== undefined && row >= 0 && table!.hashEquals(row, HASH.content, e.content);
  f.metadataEqual = e !== undefined && row >= 0 && table!.hashEquals(row, HASH.metadata, e.metadata);
  return f;
}

function judge(
  input: DeriveInput,
  table: UpstreamTable | null,
  repoId: string,
  row: number,
  node: NodeSyncData,
  pending: Map<string, number> | undefined,
): Verdict {
  if (!node.ok) return { state: 'UNKNOWN', reason: node.reason, pendingSince: null };
  const entry = factsOf(node.entries, repoId, table, row);
  const selected = isSelected(input.selection, table, row, entry.present);
  if (selected === false) return { state: 'NOT_MIRRORED', reason: 'Its project is not selected for this mirror', pendingSince: null };
  const since = pending?.get(repoId) ?? input.now;
  const age = input.now - since;

  if (!entry.present) {
    if (selected === null) return { state: 'UNKNOWN', reason: 'Not on this node, and the sync settings could not be read', pendingSince: null };
    if (input.initialSyncRunning) return { state: 'SYNCING', reason: 'Waiting for the initial synchronization', pendingSince: null };
    if (age <= input.toleranceMs) return { state: 'SYNCING', reason: 'Not synchronized to this node yet', pendingSince: since };
    return { state: 'LAGGING', reason: `Not synchronized to this node ${formatDuration(age)} after it was selected`, pendingSince: since };
  }
  if (table === null) {
    return { state: 'UNKNOWN', reason: `No upstream hashes to compare with${input.upstreamProblem ? `: ${input.upstreamProblem}` : ''}`, pendingSince: null };
  }
  if (row < 0) return { state: 'UNKNOWN', reason: 'Not in the primary’s repository list (deleted, or not visible to this user)', pendingSince: null };

  const contentSame = !entry.contentNull && entry.contentEqual;
  const metadataSame = entry.metadataNull || !table.hasHash(row, HASH.metadata) || entry.metadataEqual;
  if (contentSame && metadataSame) return { state: 'IN_SYNC', reason: 'Hashes match the primary', pendingSince: null };

  const what = entry.contentNull
    ? 'No content hash reported yet'
    : !contentSame
      ? 'Content hash differs from the primary'
      : 'Metadata hash differs from the primary';
  const failed = entry.failedSyncCount;
  if (failed > 0) {
    return { state: 'FAILING', reason: `${what}; ${failed} failed sync${failed === 1 ? '' : 's'}`, pendingSince: since };
  }
  if (input.delayed?.has(repoId)) return { state: 'LAGGING', reason: `${what}; on the farm’s delayed-sync list`, pendingSince: since };
  if (input.queued?.has(repoId)) return { state: 'SYNCING', reason: `${what}; a change is queued`, pendingSince: since };
  if (age <= input.toleranceMs) return { state: 'SYNCING', reason: `${what}; a change is being applied`, pendingSince: since };
  return { state: 'LAGGING', reason: `${what} for ${formatDuration(age)}`, pendingSince: since };
}

/** True/false when the sync settings (or, failing them, the node itself) say so; null when nothing does. */
function isSelected(selection: ProjectSelection | null, table: UpstreamTable | null, row: number, present: boolean): boolean | null {
  if (selection !== null) {
    if (selection.mode === 'ALL_PROJECTS') return true;
    const projectId = row >= 0 ? table!.projectId(row) : null;
    if (projectId !== null) return selection.projectIds.includes(projectId);
  }
  // A node that holds the repository mirrors it, whatever else we could not read.
  return present ? true : null;
}

/** The primary's repositories first (in their order), then any that only the nodes know. */
function repoIds(table: UpstreamTable | null, nodes: readonly NodeSyncData[]): string[] {
  const ids: string[] = [];
  for (let row = 0; row < (table?.size ?? 0); row++) ids.push(table!.id(row));
  // Only the ids that the primary does not list need a set of their own.
  const extra = new Set<string>();
  for (const node of nodes) {
    if (!node.ok) continue;
    for (const id of node.entries.keys()) {
      if (!extra.has(id) && !(table?.has(id) ?? false)) {
        extra.add(id);
        ids.push(id);
      }
    }
  }
  return ids;
}

import { REPO_SYNC_STATES, type MirrorRepoRow, type RepoSyncState } from '../../../shared/model/mirror';
import { grown } from '../grown-array';
import { UintColumn } from '../uint-column';
import type { NodeSyncData, UpstreamRepo } from './normalise-mirror';
import { shownEntry } from './sync-entry-table';
import { upstreamTable, type UpstreamTable } from './upstream-table';

const STATE_CODE = new Map<RepoSyncState, number>(REPO_SYNC_STATES.map((s, i) => [s, i]));

/**
 * A farm's per-repository table in columns (issue 13): a state byte per repository and per cell,
 * and an index into a table of distinct reasons per cell. At 50,000 repositories on 3 nodes this
 * is about 1 MB where an object per row and per cell was 15–20 MB, rebuilt at each derivation; a
 * row object is made only for the rows a client asks for. The times and counts of a cell are read
 * from the node entries it was derived from, which the table keeps.
 * Derivation lists the primary's repositories first, at their own rows: those rows keep no id of
 * their own (the primary's list has it), and a cell's reason index takes the narrowest column
 * that holds it (a farm has a few distinct reasons) — at 10 × 50,000 an id slot a row and a
 * Uint32 a cell were ≈ 12 and ≈ 14 MB across the farms.
 */
export class MirrorRows {
  /** Rows 0 … shared - 1 are the primary's list's rows 0 … shared - 1; the ids of the rows after are in `rest`. */
  private shared = 0;
  private readonly rest: string[] = [];
  private states: Uint8Array<ArrayBuffer>;
  private cellStates: Uint8Array<ArrayBuffer>;
  private readonly cellReasons: UintColumn;
  private readonly reasons: string[] = [];
  private readonly reasonIndex = new Map<string, number>();
  private readonly upstream: UpstreamTable | null;

  constructor(
    upstream: UpstreamTable | ReadonlyMap<string, UpstreamRepo> | null,
    private readonly nodes: readonly NodeSyncData[],
    capacity: number,
  ) {
    this.upstream = upstream === null ? null : upstreamTable(upstream);
    this.states = new Uint8Array(Math.max(1, capacity));
    // A row's cells at row × nodes: room for as many rows as `states`, which growing keeps.
    const cells = this.states.length * Math.max(1, nodes.length);
    this.cellStates = new Uint8Array(cells);
    this.cellReasons = new UintColumn(cells);
  }

  get length(): number {
    return this.shared + this.rest.length;
  }

  /** The repository id of row `i`. */
  id(i: number): string {
    return i < this.shared ? this.upstream!.id(i) : (this.rest[i - this.shared] ?? '');
  }

  /** Appends a repository: its worst state and one state and reason per node, in the nodes' order. */
  push(repoId: string, state: RepoSyncState, cells: ReadonlyArray<{ state: RepoSyncState; reason: string }>): void {
    const i = this.length;
    if (i >= this.states.length) this.grow();
    // The primary's list only grows (a repository listed again keeps its row), so a shared row stays its id.
    if (this.rest.length === 0 && i < (this.upstream?.size ?? 0) && this.upstream!.rowOf(repoId) === i) this.shared++;
    else this.rest.push(repoId);
    this.set(i, state, cells);
  }

  /** Row `i`'s worst state and its cells, replaced: a repository judged again (derive.ts `rederiveLists`). */
  set(i: number, state: RepoSyncState, cells: ReadonlyArray<{ state: RepoSyncState; reason: string }>): void {
    this.states[i] = STATE_CODE.get(state) ?? 0;
    const width = this.nodes.length;
    cells.forEach((c, n) => {
      this.cellStates[i * width + n] = STATE_CODE.get(c.state) ?? 0;
      this.cellReasons.set(i * width + n, this.reasonOf(c.reason));
    });
  }

  state(i: number): RepoSyncState {
    return REPO_SYNC_STATES[this.states[i] ?? 0] ?? 'UNKNOWN';
  }

  /** The state of row `i` on node `n` (in the nodes' order). */
  cellState(i: number, n: number): RepoSyncState {
    return REPO_SYNC_STATES[this.cellStates[i * this.nodes.length + n] ?? 0] ?? 'UNKNOWN';
  }

  slug(i: number): string | null {
    const up = this.upRow(i);
    if (up >= 0) return this.upstream!.slug(up);
    const id = this.id(i);
    for (const node of this.nodes) {
      const slug = node.ok ? shownEntry(node.entries, id)?.slug : undefined;
      if (slug) return slug;
    }
    return null;
  }

  /** Every row's project key, slug and worst state, as columns (`slug` of the primary's rows read at once). */
  stateColumns(): { projectKey: Array<string | null>; slug: Array<string | null>; state: RepoSyncState[] } {
    const n = this.length;
    const up = this.upstream;
    const shared = up === null ? [] : up.slugs(this.shared);
    const projectKey = new Array<string | null>(n);
    const state = new Array<RepoSyncState>(n);
    for (let i = 0; i < n; i++) {
      projectKey[i] = i < this.shared ? up!.projectKey(i) : this.projectKey(i);
      state[i] = this.state(i);
    }
    // The primary's slugs as its table keeps them (frozen), unless rows of the farm's own follow.
    if (n === this.shared) return { projectKey, slug: shared, state };
    const slug = [...shared];
    for (let i = this.shared; i < n; i++) slug.push(this.slug(i));
    return { projectKey, slug, state };
  }

  projectKey(i: number): string | null {
    const up = this.upRow(i);
    return up >= 0 ? this.upstream!.projectKey(up) : null;
  }

  /** The primary's row of row `i`'s repository, or -1. */
  private upRow(i: number): number {
    return i < this.shared ? i : (this.upstream?.rowOf(this.id(i)) ?? -1);
  }

  /** The row as the contract sends it, made on demand. */
  row(i: number): MirrorRepoRow {
    const repoId = this.id(i);
    const up = this.upRow(i);
    const width = this.nodes.length;
    return {
      repoId,
      projectKey: up >= 0 ? this.upstream!.projectKey(up) : null,
      projectId: up >= 0 ? this.upstream!.projectId(up) : null,
      slug: this.slug(i),
      state: this.state(i),
      nodes: this.nodes.map((node, n) => {
        const entry = node.ok ? shownEntry(node.entries, repoId) : undefined;
        return {
          state: REPO_SYNC_STATES[this.cellStates[i * width + n] ?? 0] ?? 'UNKNOWN',
          reason: this.reasons[this.cellReasons.get(i * width + n)] ?? '',
          lastSyncAt: entry?.lastSyncAt ?? null,
          initialSyncAt: entry?.initialSyncAt ?? null,
          failedSyncCount: entry ? entry.failedSyncCount : null,
        };
      }),
    };
  }

  /** The row of one repository, or undefined when the table has none. */
  find(repoId: string): MirrorRepoRow | undefined {
    const i = this.indexOf(repoId);
    return i < 0 ? undefined : this.row(i);
  }

  /** Every row as objects: for small tables and tests, not for a farm's whole table. */
  toArray(): MirrorRepoRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }

  /** The first row of a repository, or -1. */
  indexOf(repoId: string): number {
    const up = this.upstream?.rowOf(repoId) ?? -1;
    if (up >= 0 && up < this.shared) return up;
    const k = this.rest.indexOf(repoId);
    return k < 0 ? -1 : this.shared + k;
  }

  private reasonOf(reason: string): number {
    let k = this.reasonIndex.get(reason);
    if (k === undefined) {
      k = this.reasons.length;
      this.reasons.push(reason);
      this.reasonIndex.set(reason, k);
    }
    return k;
  }

  private grow(): void {
    this.states = grown(this.states);
    this.cellStates = grown(this.cellStates);
    this.cellReasons.grow();
  }
}

import { REPO_SYNC_STATES, type MirrorRepoRow, type RepoSyncState } from '../../../shared/model/mirror';
import { grown } from '../grown-array';
import type { NodeSyncData, UpstreamRepo } from './normalise-mirror';
import { upstreamTable, type UpstreamTable } from './upstream-table';

const STATE_CODE = new Map<RepoSyncState, number>(REPO_SYNC_STATES.map((s, i) => [s, i]));

/**
 * A farm's per-repository table in columns (issue 13): a state byte per repository and per cell,
 * and an index into a table of distinct reasons per cell. At 50,000 repositories on 3 nodes this
 * is about 1 MB where an object per row and per cell was 15–20 MB, rebuilt at each derivation; a
 * row object is made only for the rows a client asks for. The times and counts of a cell are read
 * from the node entries it was derived from, which the table keeps.
 */
export class MirrorRows {
  readonly ids: string[] = [];
  private states: Uint8Array<ArrayBuffer>;
  private cellStates: Uint8Array<ArrayBuffer>;
  private cellReasons: Uint32Array<ArrayBuffer>;
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
    this.cellStates = new Uint8Array(Math.max(1, capacity * nodes.length));
    this.cellReasons = new Uint32Array(Math.max(1, capacity * nodes.length));
  }

  get length(): number {
    return this.ids.length;
  }

  /** Appends a repository: its worst state and one state and reason per node, in the nodes' order. */
  push(repoId: string, state: RepoSyncState, cells: ReadonlyArray<{ state: RepoSyncState; reason: string }>): void {
    const i = this.ids.length;
    if (i >= this.states.length) this.grow();
    this.ids.push(repoId);
    this.states[i] = STATE_CODE.get(state) ?? 0;
    const width = this.nodes.length;
    cells.forEach((c, n) => {
      this.cellStates[i * width + n] = STATE_CODE.get(c.state) ?? 0;
      this.cellReasons[i * width + n] = this.reasonOf(c.reason);
    });
  }

  state(i: number): RepoSyncState {
    return REPO_SYNC_STATES[this.states[i] ?? 0] ?? 'UNKNOWN';
  }

  slug(i: number): string | null {
    const id = this.ids[i] ?? '';
    const up = this.upRow(id);
    if (up >= 0) return this.upstream!.slug(up);
    for (const node of this.nodes) {
      const slug = node.ok ? node.entries.get(id)?.slug : undefined;
      if (slug) return slug;
    }
    return null;
  }

  projectKey(i: number): string | null {
    const up = this.upRow(this.ids[i] ?? '');
    return up >= 0 ? this.upstream!.projectKey(up) : null;
  }

  private upRow(repoId: string): number {
    return this.upstream?.rowOf(repoId) ?? -1;
  }

  /** The row as the contract sends it, made on demand. */
  row(i: number): MirrorRepoRow {
    const repoId = this.ids[i] ?? '';
    const up = this.upRow(repoId);
    const width = this.nodes.length;
    return {
      repoId,
      projectKey: up >= 0 ? this.upstream!.projectKey(up) : null,
      projectId: up >= 0 ? this.upstream!.projectId(up) : null,
      slug: this.slug(i),
      state: this.state(i),
      nodes: this.nodes.map((node, n) => {
        const entry = node.ok ? node.entries.get(repoId) : undefined;
        return {
          state: REPO_SYNC_STATES[this.cellStates[i * width + n] ?? 0] ?? 'UNKNOWN',
          reason: this.reasons[this.cellReasons[i * width + n] ?? 0] ?? '',
          lastSyncAt: entry?.lastSyncAt ?? null,
          initialSyncAt: entry?.initialSyncAt ?? null,
          failedSyncCount: entry ? entry.failedSyncCount : null,
        };
      }),
    };
  }

  /** The row of one repository, or undefined when the table has none. */
  find(repoId: string): MirrorRepoRow | undefined {
    const i = this.ids.indexOf(repoId);
    return i < 0 ? undefined : this.row(i);
  }

  /** Every row as objects: for small tables and tests, not for a farm's whole table. */
  toArray(): MirrorRepoRow[] {
    return this.ids.map((_, i) => this.row(i));
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
    this.cellReasons = grown(this.cellReasons);
  }
}

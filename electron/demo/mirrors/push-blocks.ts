/** Simulated time a node takes to apply a push: between these bounds, fixed per push and node. */
const MIN_LAG_MS = 1_500;
const LAG_SPREAD_MS = 6_000;
/** Old windows only matter for pushes made during them; the list stays short. */
const MAX_BLOCKS = 32;

/** A window during which some pushes are not applied: a node offline, a failing repository, a farm behind. */
interface Block {
  kind: 'offline' | 'failing' | 'behind';
  /** The node it holds back, or every node. */
  node: string | null;
  /** The repository it holds back, or every one. */
  repoId: number | null;
  from: number;
  to: number | null;
}

/**
 * The faults of one simulated mirror as time windows. A push due inside an open window waits
 * for it to close, then lands a lag later; so a node brought back, a repository that stops
 * failing or a farm that catches up applies its backlog, as a real one would.
 */
export class PushBlocks {
  private readonly blocks: Block[] = [];
  private changes = 0;

  /** Counts the calls that may have changed a window: what a cached answer of `delay` is checked against. */
  get version(): number {
    return this.changes;
  }

  toggle(kind: Block['kind'], node: string | null, repoId: number | null, on: boolean, now: number): void {
    this.changes += 1;
    const open = this.open(kind, node, repoId);
    if (on && !open) this.blocks.push({ kind, node, repoId, from: now, to: null });
    if (!on && open) open.to = now;
    if (this.blocks.length > MAX_BLOCKS) this.blocks.splice(0, this.blocks.length - MAX_BLOCKS);
  }

  /** When the open window of this kind began, or null when there is none. */
  openSince(kind: Block['kind'], node: string | null, repoId: number | null): number | null {
    return this.open(kind, node, repoId)?.from ?? null;
  }

  /** When a push due at `at` really lands on `node`; Infinity while a window holds it. */
  delay(at: number, node: string, repoId: number): number {
    let t = at;
    for (const b of this.blocks) {
      if ((b.node !== null && b.node !== node) || (b.repoId !== null && b.repoId !== repoId)) continue;
      if (t < b.from) continue;
      if (b.to === null) return Number.POSITIVE_INFINITY;
      if (t <= b.to) t = b.to + lagOf(repoId, 7, Math.floor(b.from));
    }
    return t;
  }

  private open(kind: Block['kind'], node: string | null, repoId: number | null): Block | undefined {
    return this.blocks.find((b) => b.kind === kind && b.node === node && b.repoId === repoId && b.to === null);
  }
}

/** A node's lag applying one push: fixed per (repository, node, version), so reads agree with each other. */
export function lagOf(repoId: number, node: number, version: number): number {
  let h = (repoId * 2_654_435_761 + node * 40_503 + version * 97_531) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  return MIN_LAG_MS + (h % LAG_SPREAD_MS);
}

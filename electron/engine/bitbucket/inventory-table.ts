import type { InventoryRepo, RepositoryState } from '../../../shared/model/repository';
import { grown } from '../grown-array';

const STATES: readonly (RepositoryState | 'UNKNOWN')[] = ['AVAILABLE', 'INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE', 'UNKNOWN'];
const STATE_MASK = 7;
const ARCHIVED = 8;
/** The name is the slug (no bytes of its own). */
const NAME_IS_SLUG = 16;
/** The id is not the decimal text of the number in the id column: it is kept as text beside. */
const ID_TEXT = 32;
/** Slug or name has a lone surrogate, which UTF-8 cannot carry: both are kept as text beside. */
const TEXT_BESIDE = 64;
const SURROGATE = /[\uD800-\uDFFF]/;

const MAX_ID = 2 ** 53;

const projectKeyOf = (key: string, id: string | null, name: string): string => `${key}\u0000${id ?? '\u0001'}\u0000${name}`;

/** A table's state as plain data, for a worker thread to hand it over (its typed arrays transferred or shared, not copied). */
export interface InventoryColumns {
  count: number;
  ids: Float64Array;
  projects: Uint32Array;
  flags: Uint8Array;
  ends: Uint32Array;
  text: Uint8Array;
  used: number;
  idTexts: [number, string][];
  textsBeside: [number, { slug: string; name: string }][];
  projectKeys: string[];
  projectIds: (string | null)[];
  projectNames: string[];
}

/**
 * A primary's repository inventory in columns (issue 13): a row per repository with its numeric
 * id, its project as an index into the distinct projects, a byte of state and flags, and its slug
 * and name as UTF-8 bytes in one shared buffer, decoded when a reader asks for them. At 10 ×
 * 50,000 repositories an InventoryRepo object per repository and its slug, name and id strings
 * were ≈ 70 MB of the engine's live heap. Readers: search's index (every row, on demand), the
 * repository page and the mirrors' one-repository read (one row found by project and slug).
 */
export class InventoryTable {
  private count = 0;
  private ids: Float64Array;
  private projects: Uint32Array;
  private flags: Uint8Array;
  /** Per row: where its slug ends and where its name ends in `text` (each starts where the one before ends). */
  private ends: Uint32Array;
  private text: Buffer;
  private used = 0;
  private readonly idTexts = new Map<number, string>();
  private readonly textsBeside = new Map<number, { slug: string; name: string }>();
  private lastProject = -1;
  private readonly projectKeys: string[] = [];
  private readonly projectIds: (string | null)[] = [];
  private readonly projectNames: string[] = [];
  private readonly projectIndex = new Map<string, number>();

  /**
   * `shared`: the columns are in SharedArrayBuffers, so a thread the table is posted to reads the
   * same memory instead of a copy (inventory-pages.ts). Such a table is made at its final size and
   * never grows.
   */
  constructor(capacity = 1024, textBytes = 32 * capacity, shared = false) {
    const n = Math.max(1, capacity);
    const memory = (bytes: number): ArrayBufferLike => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    this.ids = new Float64Array(memory(8 * n));
    this.projects = new Uint32Array(memory(4 * n));
    this.flags = new Uint8Array(memory(n));
    this.ends = new Uint32Array(memory(8 * n));
    this.text = Buffer.from(memory(Math.max(1, textBytes)));
  }

  get length(): number {
    return this.count;
  }

  /** Bytes of slugs and names held. */
  get textLength(): number {
    return this.used;
  }

  /** The table as plain data; a table not in shared memory must not be used after (its columns may be transferred). */
  toColumns(): { columns: InventoryColumns; transfer: ArrayBuffer[] } {
    const text = new Uint8Array(this.text.buffer, this.text.byteOffset, this.text.length);
    const columns: InventoryColumns = {
      count: this.count,
      ids: this.ids,
      projects: this.projects,
      flags: this.flags,
      ends: this.ends,
      text,
      used: this.used,
      idTexts: [...this.idTexts],
      textsBeside: [...this.textsBeside],
      projectKeys: this.projectKeys,
      projectIds: this.projectIds,
      projectNames: this.projectNames,
    };
    // Each column has its own ArrayBuffer (never Buffer's pool), so all can move; shared memory is posted as it is, not moved.
    const buffers = [this.ids.buffer, this.projects.buffer, this.flags.buffer, this.ends.buffer, text.buffer];
    return { columns, transfer: buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer) };
  }

  static fromColumns(c: InventoryColumns): InventoryTable {
    const t = new InventoryTable(1);
    t.count = c.count;
    t.ids = c.ids;
    t.projects = c.projects;
    t.flags = c.flags;
    t.ends = c.ends;
    t.text = Buffer.from(c.text.buffer, c.text.byteOffset, c.text.length);
    t.used = c.used;
    for (const [row, id] of c.idTexts) t.idTexts.set(row, id);
    for (const [row, texts] of c.textsBeside) t.textsBeside.set(row, texts);
    c.projectKeys.forEach((key, p) => {
      t.projectKeys.push(key);
      t.projectIds.push(c.projectIds[p]!);
      t.projectNames.push(c.projectNames[p]!);
      t.projectIndex.set(projectKeyOf(key, c.projectIds[p]!, c.projectNames[p]!), p);
    });
    return t;
  }

  add(repo: InventoryRepo): void {
    const row = this.count++;
    if (row >= this.flags.length) this.grow();
    const n = Number(repo.id);
    let flags = STATES.indexOf(repo.state) | (repo.archived ? ARCHIVED : 0);
    if (Number.isInteger(n) && n >= 0 && n < MAX_ID && String(n) === repo.id) this.ids[row] = n;
    else {
      flags |= ID_TEXT;
      this.idTexts.set(row, repo.id);
    }
    this.projects[row] = this.project(repo.projectKey, repo.projectId, repo.projectName);
    if (SURROGATE.test(repo.slug) || SURROGATE.test(repo.name)) {
      // Surrogate pairs would survive UTF-8; a lone one would not. Rare enough to keep both as they are.
      flags |= TEXT_BESIDE;
      this.textsBeside.set(row, { slug: repo.slug, name: repo.name });
    } else {
      this.write(repo.slug);
      if (repo.name === repo.slug) flags |= NAME_IS_SLUG;
    }
    this.ends[2 * row] = this.used;
    if ((flags & (NAME_IS_SLUG | TEXT_BESIDE)) === 0) this.write(repo.name);
    this.ends[2 * row + 1] = this.used;
    this.flags[row] = flags;
  }

  /**
   * Appends rows [first, end) of another table as they are there (a page read again unchanged,
   * inventory-pages.ts): the columns copied in bulk, the text bytes in one block, projects
   * found again by key, id and name in this table's own list.
   */
  appendRows(from: InventoryTable, first: number, end: number): void {
    const n = end - first;
    while (this.count + n > this.flags.length) this.grow();
    const row0 = this.count;
    this.ids.set(from.ids.subarray(first, end), row0);
    this.flags.set(from.flags.subarray(first, end), row0);
    const textFrom = first === 0 ? 0 : from.ends[2 * first - 1]!;
    const textTo = n === 0 ? textFrom : from.ends[2 * end - 1]!;
    if (this.used + (textTo - textFrom) > this.text.length) this.textFits(textTo - textFrom);
    from.text.copy(this.text, this.used, textFrom, textTo);
    const shift = this.used - textFrom;
    for (let i = 2 * first, j = 2 * row0; i < 2 * end; i++, j++) this.ends[j] = from.ends[i]! + shift;
    this.used += textTo - textFrom;
    let fromProject = -1;
    let project = -1;
    for (let i = first, row = row0; i < end; i++, row++) {
      const p = from.projects[i]!;
      if (p !== fromProject) {
        fromProject = p;
        project = this.project(from.projectKeys[p]!, from.projectIds[p]!, from.projectNames[p]!);
      }
      this.projects[row] = project;
      const flags = from.flags[i]!;
      if (flags & ID_TEXT) this.idTexts.set(row, from.idTexts.get(i)!);
      if (flags & TEXT_BESIDE) this.textsBeside.set(row, from.textsBeside.get(i)!);
    }
    this.count += n;
  }

  /** A copy holding only the rows and text used (a table's columns grow by doubling), in shared memory if asked. */
  trimmed(shared = false): InventoryTable {
    const t = new InventoryTable(this.count, this.used, shared);
    t.appendRows(this, 0, this.count);
    return t;
  }

  id(row: number): string {
    return this.flags[row]! & ID_TEXT ? this.idTexts.get(row)! : String(this.ids[row]);
  }

  projectKey(row: number): string {
    return this.projectKeys[this.projects[row]!]!;
  }

  projectName(row: number): string {
    return this.projectNames[this.projects[row]!]!;
  }

  slug(row: number): string {
    if (this.flags[row]! & TEXT_BESIDE) return this.textsBeside.get(row)!.slug;
    return this.text.toString('utf8', row === 0 ? 0 : this.ends[2 * row - 1]!, this.ends[2 * row]);
  }

  name(row: number): string {
    if (this.flags[row]! & TEXT_BESIDE) return this.textsBeside.get(row)!.name;
    return this.flags[row]! & NAME_IS_SLUG ? this.slug(row) : this.text.toString('utf8', this.ends[2 * row], this.ends[2 * row + 1]);
  }

  /** The repository as an object, made on each call. */
  row(row: number): InventoryRepo {
    const p = this.projects[row]!;
    const flags = this.flags[row]!;
    return {
      id: this.id(row),
      projectKey: this.projectKeys[p]!,
      projectId: this.projectIds[p]!,
      projectName: this.projectNames[p]!,
      slug: this.slug(row),
      name: this.name(row),
      state: STATES[flags & STATE_MASK] ?? 'UNKNOWN',
      archived: (flags & ARCHIVED) !== 0,
    };
  }

  /**
   * The first repository whose project key and slug match, as `match` says of them (exact, or
   * upper-cased key and lower-cased slug): only the rows of matching projects decode their slug.
   */
  find(match: (projectKey: string, slug: string | null) => boolean): InventoryRepo | undefined {
    const projectMatches = this.projectKeys.map((key) => match(key, null));
    for (let row = 0; row < this.count; row++) {
      if (!projectMatches[this.projects[row]!]) continue;
      if (match(this.projectKey(row), this.slug(row))) return this.row(row);
    }
    return undefined;
  }

  /** Every repository as an object, in the order read: for small tables and tests. */
  toArray(): InventoryRepo[] {
    return Array.from({ length: this.count }, (_, row) => this.row(row));
  }

  private project(key: string, id: string | null, name: string): number {
    // An inventory lists a project's repositories together: most rows are the project of the row before.
    const last = this.lastProject;
    if (last >= 0 && this.projectKeys[last] === key && this.projectIds[last] === id && this.projectNames[last] === name) return last;
    const k = projectKeyOf(key, id, name);
    let p = this.projectIndex.get(k);
    if (p === undefined) {
      p = this.projectKeys.length;
      this.projectKeys.push(key);
      this.projectIds.push(id);
      this.projectNames.push(name);
      this.projectIndex.set(k, p);
    }
    this.lastProject = p;
    return p;
  }

  private write(s: string): void {
    const most = 3 * s.length;
    if (this.used + most > this.text.length) this.textFits(most);
    this.used += this.text.write(s, this.used, 'utf8');
  }

  private textFits(more: number): void {
    const bigger = Buffer.alloc(Math.max(2 * this.text.length, this.used + more));
    this.text.copy(bigger, 0, 0, this.used);
    this.text = bigger;
  }

  private grow(): void {
    if (!(this.flags.buffer instanceof ArrayBuffer)) throw new Error('An inventory table in shared memory is made at its final size; it cannot grow.');
    this.ids = grown(this.ids as Float64Array<ArrayBuffer>);
    this.projects = grown(this.projects as Uint32Array<ArrayBuffer>);
    this.flags = grown(this.flags as Uint8Array<ArrayBuffer>);
    this.ends = grown(this.ends as Uint32Array<ArrayBuffer>);
  }
}

/** A primary's inventory as its readers take it: the engine's table, or rows as objects (tests, callers with a few). */
export type Inventory = InventoryTable | readonly InventoryRepo[];

/** The first repository whose project key and slug `match` accepts (`slug` null: may a repository of this project match?). */
export function findInInventory(inventory: Inventory, match: (projectKey: string, slug: string | null) => boolean): InventoryRepo | undefined {
  return inventory instanceof InventoryTable ? inventory.find(match) : inventory.find((r) => match(r.projectKey, r.slug));
}

/** Calls `each` with every repository's shown columns, in order, decoding nothing else. */
export function eachInInventory(inventory: Inventory, each: (projectKey: string, projectName: string, slug: string, name: string) => void): void {
  if (!(inventory instanceof InventoryTable)) {
    for (const r of inventory) each(r.projectKey, r.projectName, r.slug, r.name);
    return;
  }
  for (let row = 0; row < inventory.length; row++) each(inventory.projectKey(row), inventory.projectName(row), inventory.slug(row), inventory.name(row));
}

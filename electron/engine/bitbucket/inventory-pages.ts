import { createHash } from 'node:crypto';
import type { RepositoryCounts } from '../../../shared/model';
import { leanJson, LeanJsonError } from '../http/lean-json';
import { inflate, type BodyEncoding } from '../http/content-encoding';
import { isPageBuffer } from '../http/page-buffers';
import { INVENTORY_PAGE, inventoryFold, type FoldedPage } from './inventory';
import { repositoryTally } from './normalise';
import { InventoryTable, type InventoryColumns } from './inventory-table';

/**
 * What the inventory's reader thread is asked (inventory-worker.ts) and answers, one answer per
 * request in order. `page`: read a page's bytes and fold its repositories in; `values`: fold
 * repositories this thread parsed; `end`: the walk's table and counts; `drop`: forget the walk.
 */
export type InventoryRequest =
  | {
      type: 'page';
      walk: number;
      /** The page as received: gzip when `encoding` says so, inflated here to at most `maxBytes`. */
      body: Uint8Array;
      start: number;
      key?: string | undefined;
      encoding?: BodyEncoding | null;
      maxBytes?: number;
    }
  | { type: 'values'; walk: number; values: readonly unknown[]; key?: string | undefined }
  | { type: 'end'; walk: number; key?: string | undefined }
  | { type: 'drop'; walk: number };

export type InventoryAnswer =
  /**
   * The page is a valid page whose repositories were folded in: only its paging fields come back,
   * and (from the thread) its bytes' memory, to be filled with a later page (page-buffers.ts).
   */
  | { type: 'page'; isLastPage: boolean; nextPageStart: unknown; spare?: ArrayBuffer }
  /**
   * Not a page the walk would take as it is (not lean-readable JSON, a bad envelope): its bytes come
   * back, inflated, to be read the ordinary way; still gzip (`encoding`) when they did not inflate,
   * for the engine to say why.
   */
  | { type: 'refused'; body: Uint8Array; encoding: BodyEncoding | null }
  | { type: 'done' }
  | { type: 'end'; columns: InventoryColumns; counts: RepositoryCounts }
  | { type: 'failed'; message: string };

type Fold = ReturnType<typeof inventoryFold>;

/** Whether this runtime has shared memory between threads (Node has; a runtime without it gets a copy, as before). */
const SHARED = typeof SharedArrayBuffer === 'function';

/** A page's bytes folded once: where its rows are in its walk's table, its tally, and its paging fields. */
interface KnownPage extends FoldedPage {
  isLastPage: boolean;
  nextPageStart: unknown;
}

/** An ended walk of a key, kept for the next walk of that key: its table and its pages by the SHA-256 of their bytes. */
interface LastWalk {
  table: InventoryTable;
  pages: Map<string, KnownPage>;
}

/** A walk in progress, and (once ended) what the next walk of the same key may reuse. */
interface Walk {
  key: string | undefined;
  /** Made at the first page that is not the next page of the key's last walk (`same`); at once when there is no such walk. */
  fold: Fold | null;
  /** While every page so far is the next page of the key's last walk: that walk, the rows those pages cover and their tally. */
  same: { base: LastWalk; rows: number; tally: ReturnType<typeof repositoryTally> } | null;
  /** Pages by the SHA-256 of their bytes. */
  pages: Map<string, KnownPage>;
}

/**
 * The reader thread's work, kept apart from the thread so it can be run and tested in one thread.
 * A page is folded only when the walk (paging.ts) would accept it as read; any other page is
 * handed back, so every error message stays the one the walk gives.
 *
 * A page whose bytes are those of a page the last ended walk of the same key (a primary) read is
 * not read again: its rows are copied from that walk's table and its tally added (issue 13 goal 3:
 * from one inventory cycle to the next most pages are unchanged, and reading and folding a page
 * was ≈ 2–3 ms of this thread's CPU, hashing it ≈ 0.4 ms). The bytes decide the rows, so the
 * table and counts are those of reading every page. The last walk of each key is kept (its table
 * trimmed to its rows) in shared memory, which is also the table the engine gets: no second copy.
 * A walk whose pages so far are all the last walk's, in order, has no table of its own yet; one
 * that ends so hands over the last walk's table again (at 10 × 50,000, ten walks in progress held
 * ≈ 24 MB of tables copied row by row from the last ones, docs/scale.md).
 */
export function inventoryPages(): (m: InventoryRequest) => { answer: InventoryAnswer; transfer: ArrayBuffer[] } {
  const walks = new Map<number, Walk>();
  const last = new Map<string, LastWalk>();
  const walkOf = (walk: number, key: string | undefined): Walk => {
    let w = walks.get(walk);
    if (!w) {
      // Only a table in shared memory can be handed over and kept at once (without, a new walk makes its own).
      const base = key === undefined || !SHARED ? undefined : last.get(key);
      walks.set(walk, (w = { key, fold: null, same: base ? { base, rows: 0, tally: repositoryTally() } : null, pages: new Map() }));
    }
    return w;
  };
  /** The walk's own table, made when a page differs from the last walk's: the rows read so far copied into it. */
  const foldOf = (w: Walk): Fold => {
    if (w.fold) return w.fold;
    // Sized for the key's last walk: most inventories change little between walks, and growing a table copies it.
    const before = w.same?.base.table ?? (w.key === undefined ? undefined : last.get(w.key)?.table);
    const fold = inventoryFold(before ? new InventoryTable(before.length + 1024, before.textLength + 32 * 1024) : new InventoryTable());
    if (w.same) fold.reuse(w.same.base.table, { first: 0, end: w.same.rows, tally: w.same.tally.part() });
    w.same = null;
    return (w.fold = fold);
  };
  return (m) => {
    switch (m.type) {
      case 'page': {
        const w = walkOf(m.walk, m.key);
        const received = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.length);
        // The bytes as received name the page: equal gzip bytes inflate to equal pages, so an
        // unchanged compressed page is known without inflating it (a page is ≈ 45 KB to hash
        // instead of ≈ 735 KB); one compressed differently is only read again.
        const hash = m.key === undefined ? null : `${m.encoding ?? ''}${createHash('sha256').update(received).digest('base64')}`;
        const next = w.same && hash !== null ? w.same.base.pages.get(hash) : undefined;
        if (w.same && next && next.first === w.same.rows && takes(next.isLastPage, next.nextPageStart, m.start)) {
          // The last walk's next page again: its rows are where they were, nothing is copied yet.
          w.same.rows = next.end;
          w.same.tally.merge(next.tally);
          w.pages.set(hash!, next);
          return { answer: { type: 'page', isLastPage: next.isLastPage, nextPageStart: next.nextPageStart }, transfer: [] };
        }
        const fold = foldOf(w);
        const before = hash === null ? undefined : last.get(m.key!);
        const known = hash === null ? undefined : before?.pages.get(hash);
        if (known && before && takes(known.isLastPage, known.nextPageStart, m.start)) {
          const again = fold.reuse(before.table, known);
          w.pages.set(hash!, { ...again, isLastPage: known.isLastPage, nextPageStart: known.nextPageStart });
          return { answer: { type: 'page', isLastPage: known.isLastPage, nextPageStart: known.nextPageStart }, transfer: [] };
        }
        let body = received;
        if (m.encoding) {
          try {
            body = inflate(received, m.maxBytes ?? Number.MAX_SAFE_INTEGER);
          } catch {
            // Too large or not gzip: the engine inflates it again on its own loop and says which.
            return { answer: { type: 'refused', body: m.body, encoding: m.encoding }, transfer: transferable(m.body) };
          }
        }
        const page = leanPage(body, m.start);
        if (page === null) return { answer: { type: 'refused', body, encoding: null }, transfer: transferable(body) };
        const folded = fold.page(page.values);
        if (hash !== null) w.pages.set(hash, { ...folded, isLastPage: page.isLastPage, nextPageStart: page.nextPageStart });
        return { answer: { type: 'page', isLastPage: page.isLastPage, nextPageStart: page.nextPageStart }, transfer: [] };
      }
      case 'values':
        foldOf(walkOf(m.walk, m.key)).page(m.values);
        return { answer: { type: 'done' }, transfer: [] };
      case 'end': {
        const w = walkOf(m.walk, m.key);
        walks.delete(m.walk);
        if (w.same && w.same.rows === w.same.base.table.length) {
          // Every page was the last walk's, in order: its table is this walk's, kept and handed over again.
          last.set(w.key!, { table: w.same.base.table, pages: w.pages });
          return { answer: { type: 'end', columns: w.same.base.table.toColumns().columns, counts: w.same.tally.counts() }, transfer: [] };
        }
        const fold = foldOf(w);
        // The table kept for the next walk and the one the engine gets are the same memory where
        // it can be shared: a second copy of every primary's inventory was ≈ 15 MB at 10 × 50,000.
        let sent = fold.table;
        if (w.key !== undefined) {
          const kept = fold.table.trimmed(SHARED);
          last.set(w.key, { table: kept, pages: w.pages });
          if (SHARED) sent = kept;
        }
        const { columns, transfer } = sent.toColumns();
        return { answer: { type: 'end', columns, counts: fold.counts() }, transfer };
      }
      case 'drop':
        walks.delete(m.walk);
        return { answer: { type: 'done' }, transfer: [] };
    }
  };
}

/** Whether the walk takes a page with these paging fields at `start`: its last, or one naming a later start. */
function takes(isLastPage: boolean, nextPageStart: unknown, start: number): boolean {
  return isLastPage || (typeof nextPageStart === 'number' && Number.isInteger(nextPageStart) && nextPageStart > start);
}

/** The page lean-read, when the walk would take it as it is: values an array, isLastPage a boolean, a next start after `start`. */
function leanPage(body: Buffer, start: number): { values: unknown[]; isLastPage: boolean; nextPageStart: unknown } | null {
  let page: unknown;
  try {
    page = leanJson(body, INVENTORY_PAGE);
  } catch (err) {
    if (err instanceof LeanJsonError) return null;
    throw err;
  }
  if (typeof page !== 'object' || page === null || Array.isArray(page)) return null;
  const { values, isLastPage, nextPageStart } = page as Record<string, unknown>;
  if (!Array.isArray(values) || typeof isLastPage !== 'boolean') return null;
  if (!takes(isLastPage, nextPageStart, start)) return null;
  return { values, isLastPage, nextPageStart };
}

/**
 * The bytes' ArrayBuffer when no other bytes share it (a page body read whole, or into a page
 * buffer), so it moves instead of being copied.
 */
export function transferable(bytes: Uint8Array): ArrayBuffer[] {
  const b = bytes.buffer;
  if (!(b instanceof ArrayBuffer)) return [];
  return (bytes.byteOffset === 0 && bytes.byteLength === b.byteLength) || isPageBuffer(b) ? [b] : [];
}

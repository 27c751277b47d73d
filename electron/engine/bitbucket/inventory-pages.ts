import type { RepositoryCounts } from '../../../shared/model';
import { leanJson, LeanJsonError } from '../http/lean-json';
import { INVENTORY_PAGE, inventoryFold } from './inventory';
import type { InventoryColumns } from './inventory-table';

/**
 * What the inventory's reader thread is asked (inventory-worker.ts) and answers, one answer per
 * request in order. `page`: read a page's bytes and fold its repositories in; `values`: fold
 * repositories this thread parsed; `end`: the walk's table and counts; `drop`: forget the walk.
 */
export type InventoryRequest =
  | { type: 'page'; walk: number; body: Uint8Array; start: number }
  | { type: 'values'; walk: number; values: readonly unknown[] }
  | { type: 'end'; walk: number }
  | { type: 'drop'; walk: number };

export type InventoryAnswer =
  /** The page is a valid page whose repositories were folded in: only its paging fields come back. */
  | { type: 'page'; isLastPage: boolean; nextPageStart: unknown }
  /** Not a page the walk would take as it is (not lean-readable JSON, a bad envelope): its bytes come back, to be read the ordinary way. */
  | { type: 'refused'; body: Uint8Array }
  | { type: 'done' }
  | { type: 'end'; columns: InventoryColumns; counts: RepositoryCounts }
  | { type: 'failed'; message: string };

type Fold = ReturnType<typeof inventoryFold>;

/**
 * The reader thread's work, kept apart from the thread so it can be run and tested in one thread.
 * A page is folded only when the walk (paging.ts) would accept it as read; any other page is
 * handed back, so every error message stays the one the walk gives.
 */
export function inventoryPages(): (m: InventoryRequest) => { answer: InventoryAnswer; transfer: ArrayBuffer[] } {
  const folds = new Map<number, Fold>();
  const foldOf = (walk: number): Fold => {
    let fold = folds.get(walk);
    if (!fold) folds.set(walk, (fold = inventoryFold()));
    return fold;
  };
  return (m) => {
    switch (m.type) {
      case 'page': {
        const page = leanPage(Buffer.from(m.body.buffer, m.body.byteOffset, m.body.length), m.start);
        if (page === null) return { answer: { type: 'refused', body: m.body }, transfer: transferable(m.body) };
        foldOf(m.walk).page(page.values);
        return { answer: { type: 'page', isLastPage: page.isLastPage, nextPageStart: page.nextPageStart }, transfer: [] };
      }
      case 'values':
        foldOf(m.walk).page(m.values);
        return { answer: { type: 'done' }, transfer: [] };
      case 'end': {
        const fold = foldOf(m.walk);
        folds.delete(m.walk);
        const { columns, transfer } = fold.table.toColumns();
        return { answer: { type: 'end', columns, counts: fold.counts() }, transfer };
      }
      case 'drop':
        folds.delete(m.walk);
        return { answer: { type: 'done' }, transfer: [] };
    }
  };
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
  if (!isLastPage && !(typeof nextPageStart === 'number' && Number.isInteger(nextPageStart) && nextPageStart > start)) return null;
  return { values, isLastPage, nextPageStart };
}

/** The bytes' ArrayBuffer when they are all of it (a page body read whole), so it moves instead of being copied. */
export function transferable(bytes: Uint8Array): ArrayBuffer[] {
  const b = bytes.buffer;
  return b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength ? [b] : [];
}

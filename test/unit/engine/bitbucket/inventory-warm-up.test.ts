import { describe, expect, it } from 'vitest';
import { inventoryPages } from '../../../../electron/engine/bitbucket/inventory-pages';
import { warmUpInventoryReader, warmUpPage } from '../../../../electron/engine/bitbucket/inventory-warm-up';

describe("the inventory reader thread's warm-up", () => {
  it('reads its made-up page the way a real first page is read: lean, folded, every repository counted', () => {
    const read = inventoryPages();
    expect(read({ type: 'page', walk: 1, body: warmUpPage(), start: 0, key: 'p' }).answer).toEqual({
      type: 'page',
      isLastPage: true,
      nextPageStart: undefined,
    });
    const end = read({ type: 'end', walk: 1, key: 'p' }).answer;
    expect(end.type === 'end' && end.counts).toMatchObject({ total: 300 });
  });

  it('runs without throwing, and is a page the size of a demo primary’s first', () => {
    expect(() => warmUpInventoryReader()).not.toThrow();
    expect(warmUpPage().byteLength).toBeGreaterThan(150_000);
  });
});

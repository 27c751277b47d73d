import { grown } from './grown-array';

/**
 * Unsigned integers below 2^32 in the narrowest of Uint8, Uint16 and Uint32 that holds every value
 * stored so far (issue 13): most columns of small indexes and counts never pass 255, and at
 * 10 × 50,000 repositories a Uint32 cell per repository and node is megabytes of zeros. A larger
 * value widens the column for good, so every value reads back as stored.
 */
export class UintColumn {
  private cells: Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint32Array<ArrayBuffer>;

  constructor(capacity: number) {
    this.cells = new Uint8Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.cells.length;
  }

  /** Bytes a cell takes now: 1, 2 or 4. */
  get width(): number {
    return this.cells.BYTES_PER_ELEMENT;
  }

  /** Stores `value`, a whole number in [0, 2^32). */
  set(row: number, value: number): void {
    if (value > 0xff && this.cells instanceof Uint8Array) this.cells = value > 0xffff ? Uint32Array.from(this.cells) : Uint16Array.from(this.cells);
    else if (value > 0xffff && this.cells instanceof Uint16Array) this.cells = Uint32Array.from(this.cells);
    this.cells[row] = value;
  }

  get(row: number): number {
    return this.cells[row]!;
  }

  /** Cut to the first `rows` rows (at least one). */
  trim(rows: number): void {
    this.cells = this.cells.slice(0, Math.max(1, rows));
  }

  /** Twice the rows, zero beyond the old end. */
  grow(): void {
    this.cells = grown(this.cells);
  }
}

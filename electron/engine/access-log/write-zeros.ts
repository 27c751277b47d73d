/** A typed array, or a view of a WebAssembly instance's memory. */
interface Fillable {
  fill(value: number, start?: number, end?: number): unknown;
}

/**
 * Zeros written over `a[from, to)`, so that their memory pages are mapped by a write. A fresh page
 * whose first touch is a read (a hash table's probe, a counter's read-modify-write) is mapped to the
 * kernel's shared zero page; the first write then replaces that mapping, and replacing a mapping
 * flushes the TLB of every core the process runs on: an interrupt to the other parsing thread, which
 * waits for it. A page first written is simply mapped. In a two-thread parse of a 1 GB log those
 * flushes were ≈ 5 % of the CPU (docs/access-log-speed.md, session 36). Used where a table, row or
 * counter array is made or first put to use, never over memory that holds counts.
 */
export function writeZeros(a: Fillable, from?: number, to?: number): void {
  a.fill(0, from, to);
}

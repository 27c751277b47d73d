/**
 * The slot table of an open-addressed hash table twice as large as `table`: slot = entry index + 1
 * (0 is empty), probed linearly from the entry's hash. Entries are `hashes[0 .. count)`.
 */
export function doubledTable(table: Int32Array, hashes: ArrayLike<number>, count: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(table.length * 2);
  const mask = bigger.length - 1;
  for (let k = 0; k < count; k++) {
    let at = hashes[k]! & mask;
    while (bigger[at] !== 0) at = (at + 1) & mask;
    bigger[at] = k + 1;
  }
  return bigger;
}

import { writeZeros } from './write-zeros';

/**
 * Requests waiting for their response, by request-id hash (`hash52`) → the request's time. Open
 * addressing over typed arrays: a Map of numbers this large boxes every key and value (a heap
 * number each, per line) and its garbage was a tenth of the parse. Past `capacity` the oldest
 * waiting request is forgotten (a log cut mid-request must not grow memory); insertion order is
 * kept in a ring of ids, compacted when it fills.
 */
export class PendingRequests {
  size = 0;
  private keys: Float64Array;
  private times: Float64Array;
  /** Insertion number of each slot's entry, to tell a live ring entry from a taken one. */
  private seqs: Float64Array;
  private ringKeys: Float64Array;
  private ringSeqs: Float64Array;
  private head = 0;
  private tail = 0;
  private seq = 1;

  constructor(
    private readonly capacity = 100_000,
    /** Ring entries at first (small in tests, so that they compact and grow it). */
    initialRing = INITIAL_RING,
  ) {
    // Small at first, doubled as requests wait (at most half full): a log has a few requests in
    // flight at a time, and a table sized for `capacity` (6 MB) cost a cache miss or three a line.
    this.keys = new Float64Array(INITIAL_SLOTS);
    this.times = new Float64Array(INITIAL_SLOTS);
    this.seqs = new Float64Array(INITIAL_SLOTS);
    // The ring too: made for `capacity` at once (2 × 1.6 MB), its memory was faulted in as a log's
    // first lines were read (5.7 ms of a cold 16 MB parse's profile; a table per range and per part
    // a thread takes over), and each compaction walked it whole.
    const ring = Math.max(1, Math.min(initialRing, capacity * 2));
    this.ringKeys = new Float64Array(ring);
    this.ringSeqs = new Float64Array(ring);
  }

  /** Remembers a request; returns whether an older one had to be forgotten to make room. */
  add(id: number, time: number): boolean {
    let forgot = false;
    if (this.size >= this.capacity) forgot = this.forgetOldest();
    if (this.tail === this.ringKeys.length) this.compactRing();
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    // Key 0 marks an empty slot; a hash of 0 is stored as -1 (never a hash52 value), and looked for from -1's slot.
    const key = id === 0 ? -1 : id;
    let i = slotOf(key, mask);
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    if (this.keys[i] === 0) this.size += 1;
    this.keys[i] = key;
    this.times[i] = time;
    this.seqs[i] = this.seq;
    this.ringKeys[this.tail] = key;
    this.ringSeqs[this.tail] = this.seq++;
    this.tail += 1;
    return forgot;
  }

  /** The time of the request with this id, removed; NaN when none waits. */
  take(id: number): number {
    const key = id === 0 ? -1 : id;
    const i = this.find(key);
    if (i < 0) return NaN;
    const time = this.times[i]!;
    this.remove(i);
    return time;
  }

  /** The requests still waiting, oldest first, as [id, time, id, time, …]: handed on to the next range of a log. */
  remaining(): Float64Array {
    const out = new Float64Array(this.size * 2);
    let n = 0;
    for (let r = this.head; r < this.tail; r++) {
      const key = this.ringKeys[r]!;
      const i = this.find(key);
      if (i < 0 || this.seqs[i] !== this.ringSeqs[r]) continue;
      out[n++] = key === -1 ? 0 : key;
      out[n++] = this.times[i]!;
    }
    return out;
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = slotOf(key, mask); this.keys[i] !== 0; i = (i + 1) & mask) if (this.keys[i] === key) return i;
    return -1;
  }

  /** Backward-shift deletion: no tombstones, so lookups stay short however many pass through. */
  private remove(i: number): void {
    const mask = this.keys.length - 1;
    let hole = i;
    for (let j = (i + 1) & mask; this.keys[j] !== 0; j = (j + 1) & mask) {
      const home = slotOf(this.keys[j]!, mask);
      // Move j into the hole unless its home lies cyclically in (hole, j].
      if (hole <= j ? home <= hole || home > j : home <= hole && home > j) {
        this.keys[hole] = this.keys[j]!;
        this.times[hole] = this.times[j]!;
        this.seqs[hole] = this.seqs[j]!;
        hole = j;
      }
    }
    this.keys[hole] = 0;
    this.size -= 1;
  }

  /** Twice the slots, every waiting request placed again (insertion order lives in the ring, not here). */
  private grow(): void {
    const { keys, times, seqs } = this;
    const size = keys.length * 2;
    this.keys = new Float64Array(size);
    writeZeros(this.keys);
    this.times = new Float64Array(size);
    this.seqs = new Float64Array(size);
    const mask = size - 1;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      if (key === 0) continue;
      let i = slotOf(key, mask);
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = key;
      this.times[i] = times[j]!;
      this.seqs[i] = seqs[j]!;
    }
  }

  private forgetOldest(): boolean {
    while (this.head < this.tail) {
      const key = this.ringKeys[this.head]!;
      const seq = this.ringSeqs[this.head]!;
      this.head += 1;
      const i = this.find(key);
      if (i >= 0 && this.seqs[i] === seq) {
        this.remove(i);
        return true;
      }
    }
    return false;
  }

  /** Drops ring entries whose request was answered (or made again), keeping the order of the rest. */
  private compactRing(): void {
    let out = 0;
    for (let r = this.head; r < this.tail; r++) {
      const i = this.find(this.ringKeys[r]!);
      if (i >= 0 && this.seqs[i] === this.ringSeqs[r]) {
        this.ringKeys[out] = this.ringKeys[r]!;
        this.ringSeqs[out++] = this.ringSeqs[r]!;
      }
    }
    this.head = 0;
    this.tail = out;
    // Still more than half full: twice the entries (up to what `capacity` waiting requests need),
    // so that a compaction comes after at least as many adds as it reads entries.
    if (out * 2 > this.ringKeys.length && this.ringKeys.length < this.capacity * 2) this.growRing();
  }

  private growRing(): void {
    const size = Math.min(this.ringKeys.length * 2, this.capacity * 2);
    const keys = new Float64Array(size);
    const seqs = new Float64Array(size);
    keys.set(this.ringKeys.subarray(0, this.tail));
    seqs.set(this.ringSeqs.subarray(0, this.tail));
    this.ringKeys = keys;
    this.ringSeqs = seqs;
  }
}

const INITIAL_SLOTS = 64;
const INITIAL_RING = 1024;

/** The low bits of a hash52 (they come from FNV-1a, well mixed). */
function slotOf(key: number, mask: number): number {
  return (key % 0x40000000) & mask;
}

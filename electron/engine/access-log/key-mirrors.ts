import type { ByteKeys } from './byte-keys';
import { writeZeros } from './write-zeros';

/** Slots a mirror can grow to (wasm/keys.ts MIRROR_SLOTS): 16 bytes each. */
const SLOTS = 65536;
/** Slots a mirror starts with: 16 KB, doubled while it is more than half full. */
const FIRST_SLOTS = 1024;
const SLOT = 4;
/** Bytes of keys a mirror holds. */
const ARENA = 1024 * 1024;
/** A mirror in the instance's memory: its slots, then its keys' bytes (wasm/keys.ts MIRROR_BYTES). */
export const MIRROR_BYTES = SLOTS * SLOT * 4 + ARENA;
/** The mirrored tables, in the scan's order: client address, user, repository. */
export const MIRRORS = 3;

/**
 * The scan's copies of the aggregator's key tables (wasm/keys.ts): bytes → the id `ByteKeys` gave
 * them, in the instance's memory, so the scan finds a response's key ids while the line is in
 * cache and the aggregator skips its own lookup. `ByteKeys` stays the only source of ids: a mirror
 * learns only what a table answered, and is emptied when that table starts over (a new generation).
 * A full mirror learns no more (its table answers the rest), so memory stays fixed.
 *
 * A mirror uses as many slots as its keys need (at least twice their number, a power of two), not
 * all it may grow to: a probe lands at random in the slots in use, and a table of a few hundred
 * users spread over 1 MB cost a cache miss (and its page a fault) a lookup that 16–64 KB do not.
 */
export class KeyMirrors {
  private readonly slots: Int32Array[] = [];
  private readonly arenas: number[] = [];
  private readonly count = [0, 0, 0];
  private readonly used = [0, 0, 0];
  /** Slots in use per mirror (a power of two: the scan's mask is one less). */
  private readonly sizes = [FIRST_SLOTS, FIRST_SLOTS, FIRST_SLOTS];
  /** The generation of its table each mirror holds ids of (-1: none yet). */
  private readonly generations = [-1, -1, -1];

  constructor(
    private readonly memory: Buffer,
    /** Where the first mirror starts in `memory`; the others follow, MIRROR_BYTES each. */
    readonly at: number,
    /** Tells the scan that mirror `t` uses its first `mask` + 1 slots. */
    private readonly setMask: (t: number, mask: number) => void,
  ) {
    for (let t = 0; t < MIRRORS; t++) {
      const base = at + t * MIRROR_BYTES;
      this.slots.push(new Int32Array(memory.buffer, memory.byteOffset + base, SLOTS * SLOT));
      this.arenas.push(base + SLOTS * SLOT * 4);
      setMask(t, FIRST_SLOTS - 1);
    }
  }

  /** Empties the mirrors whose table started over since they learned: their ids mean nothing now. */
  sync(tables: readonly ByteKeys[]): void {
    for (let t = 0; t < MIRRORS; t++) if (this.generations[t] !== tables[t]!.generation) this.clear(t, tables[t]!.generation);
  }

  /** Mirror `t` learns that bytes [s, e) of the instance's memory, with `hash32` `h`, are id `id` of `table`. */
  learn(t: number, table: ByteKeys, h: number, s: number, e: number, id: number): void {
    if (this.generations[t] !== table.generation) this.clear(t, table.generation);
    const len = e - s;
    // At most half full, so a probe ends soon; the scan reads 16 bytes past a key.
    if (this.used[t]! + len + 16 > ARENA) return;
    if ((this.count[t]! + 1) * 2 > this.sizes[t]!) {
      if (this.sizes[t] === SLOTS) return;
      this.grow(t);
    }
    const addr = this.arenas[t]! + this.used[t]!;
    this.memory.copyWithin(addr, s, e);
    this.used[t]! += len;
    this.count[t]! += 1;
    place(this.slots[t]!, this.sizes[t]! - 1, id + 1, h, addr, len);
  }

  /** Mirror `t` in twice the slots, its keys placed again, and the scan told. */
  private grow(t: number): void {
    const slots = this.slots[t]!;
    const old = slots.slice(0, this.sizes[t]! * SLOT);
    const size = this.sizes[t]! * 2;
    // The new half too, before `place` probes it (write-zeros.ts).
    writeZeros(slots, 0, size * SLOT);
    for (let at = 0; at < old.length; at += SLOT) if (old[at] !== 0) place(slots, size - 1, old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    this.sizes[t] = size;
    this.setMask(t, size - 1);
  }

  private clear(t: number, generation: number): void {
    // An empty mirror's pages stay untouched (not resident) until it learns.
    if (this.count[t] !== 0) this.slots[t]!.fill(0, 0, this.sizes[t]! * SLOT);
    this.count[t] = 0;
    this.used[t] = 0;
    this.generations[t] = generation;
  }
}

/** A slot (`id1`: id + 1) placed at its hash's first free slot of the first `mask` + 1. */
function place(slots: Int32Array, mask: number, id1: number, h: number, addr: number, len: number): void {
  let i = h & mask;
  while (slots[i * SLOT] !== 0) i = (i + 1) & mask;
  slots[i * SLOT] = id1;
  slots[i * SLOT + 1] = h;
  slots[i * SLOT + 2] = addr;
  slots[i * SLOT + 3] = len;
}

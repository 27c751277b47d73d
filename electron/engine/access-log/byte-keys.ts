/** Raw byte sequences remembered before the table starts over (bounds memory on logs with millions of addresses). */
const MAX_RAW = 200_000;

/**
 * Byte ranges to strings without decoding them again: each distinct sequence is decoded (and
 * normalised) once, and the same string object comes back afterwards, so the tallies' Map
 * lookups hash nothing new and no string is allocated per line.
 */
export class ByteKeys {
  private byHash = new Map<number, Array<{ bytes: Buffer; key: string }>>();
  private raw = 0;
  private readonly canonical = new Map<string, string>();

  constructor(private readonly normalise: (raw: string) => string = (s) => s) {}

  key(buf: Buffer, s: number, e: number): string {
    const h = hash32(buf, s, e) & 0x3fffffff;
    const bucket = this.byHash.get(h);
    if (bucket !== undefined) {
      for (const entry of bucket) if (same(entry.bytes, buf, s, e)) return entry.key;
    }
    const decoded = this.normalise(buf.toString('utf8', s, e));
    let key = this.canonical.get(decoded);
    if (key === undefined) {
      key = decoded;
      if (this.canonical.size < MAX_RAW) this.canonical.set(key, key);
    }
    if (this.raw >= MAX_RAW) {
      this.byHash = new Map();
      this.canonical.clear();
      this.raw = 0;
    }
    const entry = { bytes: Buffer.from(buf.subarray(s, e)), key };
    if (bucket !== undefined && this.byHash.get(h) === bucket) bucket.push(entry);
    else this.byHash.set(h, [entry]);
    this.raw += 1;
    return key;
  }
}

/** FNV-1a over bytes [s, e). */
export function hash32(buf: Buffer, s: number, e: number): number {
  // `| 0`: an int32 from the start, so the loop never boxes `h` as a double.
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 0;
}

/** A 52-bit hash of bytes [s, e): unique enough to pair request ids without decoding them. */
export function hash52(buf: Buffer, s: number, e: number): number {
  let g = 5381;
  for (let i = s; i < e; i++) g = Math.imul(g, 33) ^ buf[i]!;
  return hash32(buf, s, e) * 0x100000 + ((g >>> 0) & 0xfffff);
}

function same(bytes: Buffer, buf: Buffer, s: number, e: number): boolean {
  if (bytes.length !== e - s) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== buf[s + i]) return false;
  return true;
}

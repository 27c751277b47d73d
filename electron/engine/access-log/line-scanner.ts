import { ACCESS_LINE_WASM } from './access-line-wasm';
import type { ByteKeys } from './byte-keys';
import { KeyMirrors, MIRROR_BYTES, MIRRORS } from './key-mirrors';
import type { AccessLine } from './line-parser';
import { WASM_PAGE, wasmApi } from './wasm-api';

/**
 * The line parse in WebAssembly (wasm/access-line.ts, compiled by scripts/build-wasm.mjs): a log's
 * bytes are read straight into the instance's memory (`input`), and one call finds and parses up
 * to MAX_RECORDS lines there (`|` and newlines 16 bytes at a time with SIMD), one record each.
 * The reader then hands the aggregator `memory`, a Buffer over the same bytes, so key offsets hold.
 * `AccessLine.parse` stays the reference: the records equal what it gives (a fast-check property).
 */

/** Records of one call; a record is REC int32s. */
export const MAX_RECORDS = 4096;
const REC = 28;
const RECORDS = 64 * 1024;
const TIMES = RECORDS + MAX_RECORDS * REC * 4;
/** Where read bytes go: after the records and their times. */
export const INPUT = TIMES + MAX_RECORDS * 8 + 32 * 1024;
/** Bytes read at a time: large, so per-chunk costs vanish. */
export const INPUT_BYTES = 4 * 1024 * 1024;
/** Past the input: the SIMD scans read up to 16 bytes beyond the end. */
const SLACK = 64;
/** The key mirrors (key-mirrors.ts), past the input and its slack. */
const MIRROR_AT = INPUT + INPUT_BYTES + SLACK;
const PAGES = Math.ceil((MIRROR_AT + MIRRORS * MIRROR_BYTES + SLACK) / WASM_PAGE);

/** The record's code for an empty line (or a lone CR), which is not counted. */
export const BLANK = 7;
const R_CODE = 2;

interface Exports {
  scan(from: number, to: number, after: number, recs: number, times: number, max: number): number;
  scannedTo(): number;
  dataEnd(): number;
  setMirrors(at: number): void;
  setMirrorMask(t: number, mask: number): void;
}

let compiled: object | null = null;

export class LineScanner {
  /** The whole of the instance's memory. */
  readonly memory: Buffer;
  /** Where to read a log's bytes: INPUT_BYTES of `memory`. */
  readonly input: Buffer;
  private readonly rec: Int32Array;
  private readonly times: Float64Array;
  private readonly wasm: Exports;
  private readonly mirrors: KeyMirrors;

  constructor() {
    compiled ??= new wasmApi.Module(Buffer.from(ACCESS_LINE_WASM, 'base64'));
    // Fixed size: growing would detach `memory` and every view the reader holds.
    const memory = new wasmApi.Memory({ initial: PAGES, maximum: PAGES });
    this.wasm = new wasmApi.Instance(compiled, { env: { memory } }).exports as Exports;
    if (this.wasm.dataEnd() > RECORDS) throw new Error('The access-log parser (WebAssembly) has more static data than its layout allows.');
    this.memory = Buffer.from(memory.buffer);
    this.input = this.memory.subarray(INPUT, INPUT + INPUT_BYTES);
    this.rec = new Int32Array(memory.buffer, RECORDS, MAX_RECORDS * REC);
    this.times = new Float64Array(memory.buffer, TIMES, MAX_RECORDS);
    this.wasm.setMirrors(MIRROR_AT);
    this.mirrors = new KeyMirrors(this.memory, MIRROR_AT, (t, mask) => this.wasm.setMirrorMask(t, mask));
  }

  /** Before a scan: the key mirrors drop what `tables` (address, user, repository) no longer mean. */
  syncKeys(tables: readonly ByteKeys[]): void {
    this.mirrors.sync(tables);
  }

  /** After `tables[t]` gave id `id` to bytes [s, e) of `memory` (hash `h`), the scan finds it there too. */
  learnKey(t: number, table: ByteKeys, h: number, s: number, e: number, id: number): void {
    this.mirrors.learn(t, table, h, s, e, id);
  }

  /** Whether `chunk` lies in this scanner's memory (then it is read where it is, not copied). */
  holds(chunk: Buffer): boolean {
    return chunk.buffer === this.memory.buffer;
  }

  /**
   * Parses the newline-ended lines of memory [from, to), at most MAX_RECORDS; `after` is the byte
   * that follows `to` in the caller's chunk (0: none). Returns how many; `scannedTo()` says where it stopped.
   */
  scan(from: number, to: number, after: number): number {
    return this.wasm.scan(from, to, after, RECORDS, TIMES, MAX_RECORDS);
  }

  scannedTo(): number {
    return this.wasm.scannedTo();
  }

  start(i: number): number {
    return this.rec[i * REC]!;
  }

  end(i: number): number {
    return this.rec[i * REC + 1]!;
  }

  /** Record i's PARSE code, or BLANK. */
  code(i: number): number {
    return this.rec[i * REC + R_CODE]!;
  }

  /** Record i into `line`, as `line.parse` would set it for an `ok` line (what the reader reads), with the keys' hashes `hashKeys` gives and their ids in the key mirrors (-1: not there). */
  fill(line: AccessLine, i: number): void {
    const r = this.rec;
    const at = i * REC;
    const flags = r[at + 3]!;
    line.time = this.times[i]!;
    line.outgoing = (flags & 1) !== 0;
    line.ssh = (flags & 2) !== 0;
    line.ipStart = r[at + 4]!;
    line.ipEnd = r[at + 5]!;
    line.userStart = r[at + 6]!;
    line.userEnd = r[at + 7]!;
    line.idStart = r[at + 8]!;
    line.idEnd = r[at + 9]!;
    line.nodeStart = r[at + 10]!;
    line.nodeEnd = r[at + 11]!;
    line.repoStart = r[at + 12]!;
    line.repoEnd = r[at + 13]!;
    line.idHash = (r[at + 22]! >>> 0) * 0x100000 + (r[at + 23]! & 0xfffff);
    if (!line.outgoing) return;
    line.statusStart = r[at + 14]!;
    line.statusEnd = r[at + 15]!;
    line.kind = r[at + 16]!;
    line.labels = r[at + 17]!;
    line.durationMs = r[at + 18]!;
    line.ipHash = r[at + 19]!;
    line.userHash = r[at + 20]!;
    line.repoHash = r[at + 21]!;
    line.nodeHash = r[at + 27]!;
    line.ipId = r[at + 24]!;
    line.userId = r[at + 25]!;
    line.repoId = r[at + 26]!;
  }
}

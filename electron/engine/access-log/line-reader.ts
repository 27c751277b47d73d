import type { AccessLogAggregator } from './aggregator';
import { ByteKeys } from './byte-keys';
import { AccessLine, KIND, PARSE, PARSE_REASONS } from './line-parser';
import { BLANK, LineScanner, MAX_RECORDS } from './line-scanner';
import type { PendingRequests } from './pending-requests';

const NL = 10;
/** A line longer than this is not an access-log line; it is skipped, not buffered. */
const MAX_LINE = 64 * 1024;

/**
 * Feeds chunks of one log to the parser: the lines of a chunk are found and parsed in WebAssembly
 * (`LineScanner`; a chunk read into its `input` is not copied, one from a stream is copied in), and
 * only a line split across two chunks is copied and parsed by `AccessLine.parse`. Request lines of git
 * operations wait (by request id) for their response so an operation's start and end come from the log itself.
 */
export class LineReader {
  private readonly line = new AccessLine();
  private readonly scanner = new LineScanner();
  /** Where to read a plain log's bytes for `push`: read there, they are parsed where they lie. */
  readonly input = this.scanner.input;
  private readonly nodes = new ByteKeys();
  private carry: Buffer | null = null;
  private skipping = false;
  lineNumber = 0;

  constructor(
    private readonly agg: AccessLogAggregator,
    private readonly source: string,
    private readonly fallbackNode: string,
    /** Requests waiting for their response, shared by the parts of one log (a rotation can split a pair). */
    private pending: PendingRequests,
    /**
     * Set when this reader reads one range of a log in a worker: a response whose request is not
     * waiting here is handed over (its request may be in an earlier range) instead of counted,
     * unless `orphan` declines it (returns false).
     */
    private orphan?: (buf: Buffer, start: number, end: number) => boolean,
  ) {}

  /**
   * From the next line on, pairs with `pending` and hands unpaired responses to `orphan` (see the
   * constructor): a part of the log read apart from the lines before it (`readParallel`).
   */
  pairWith(pending: PendingRequests, orphan?: (buf: Buffer, start: number, end: number) => boolean): void {
    this.pending = pending;
    this.orphan = orphan;
  }

  push(chunk: Buffer): void {
    let pos = 0;
    if (this.carry !== null || this.skipping) {
      const nl = chunk.indexOf(NL);
      const end = nl < 0 ? chunk.length : nl;
      if (!this.skipping) {
        const joined = Buffer.concat([this.carry!, chunk.subarray(0, end)]);
        if (joined.length > MAX_LINE) {
          this.tooLong(joined);
          this.skipping = nl < 0;
          this.carry = null;
        } else if (nl < 0) this.carry = joined;
        else {
          this.carry = null;
          this.one(joined, 0, joined.length);
        }
      } else if (nl >= 0) this.skipping = false;
      if (nl < 0) return;
      pos = nl + 1;
    }
    const len = chunk.length;
    pos = this.lines(chunk, pos);
    if (pos === len) return;
    if (len - pos > MAX_LINE) {
      this.tooLong(chunk.subarray(pos));
      this.skipping = true;
    } else this.carry = Buffer.from(chunk.subarray(pos));
  }

  /** Reads the newline-ended lines of chunk[pos..]; returns where the last one ended. */
  private lines(chunk: Buffer, pos: number): number {
    const scanner = this.scanner;
    if (scanner.holds(chunk)) return this.scanned(chunk.byteOffset + pos, chunk.byteOffset + chunk.length, 0) - chunk.byteOffset;
    const input = scanner.input;
    const base = input.byteOffset;
    const len = chunk.length;
    while (pos < len) {
      const piece = Math.min(len - pos, input.length);
      chunk.copy(input, 0, pos, pos + piece);
      const done = this.scanned(base, base + piece, pos + piece < len ? chunk[pos + piece]! : 0) - base;
      pos += done;
      if (pos + piece - done >= len) return pos;
      if (done === 0) {
        // A line longer than the input: found and parsed here, as one line like any other.
        const nl = chunk.indexOf(NL, pos);
        if (nl < 0) return pos;
        this.one(chunk, pos, nl);
        pos = nl + 1;
      }
    }
    return pos;
  }

  /** Parses the newline-ended lines of the scanner's memory [from, to) and counts them; returns where the last one ended. */
  private scanned(from: number, to: number, after: number): number {
    const scanner = this.scanner;
    const line = this.line;
    const mem = scanner.memory;
    const tables = this.agg.keyTables;
    for (;;) {
      scanner.syncKeys(tables);
      const generations = generationsOf(tables);
      const n = scanner.scan(from, to, after);
      for (let i = 0; i < n; i++) {
        this.lineNumber += 1;
        const code = scanner.code(i);
        if (code === BLANK) continue;
        this.agg.lines.total += 1;
        let missed = 0;
        if (code === PARSE.ok) {
          scanner.fill(line, i);
          if (line.outgoing) {
            // A table that started over since the scan (past MAX_RAW keys) gave its mirror's ids a new meaning.
            if (generationsOf(tables) !== generations) line.ipId = line.userId = line.repoId = -1;
            missed = (line.ipId < 0 ? 1 : 0) | (line.userId < 0 ? 2 : 0) | (line.repoId < 0 ? 4 : 0);
          }
        }
        this.parsed(mem, scanner.start(i), scanner.end(i), code);
        if (missed !== 0) this.learn(missed);
      }
      from = scanner.scannedTo();
      if (n < MAX_RECORDS) return from;
    }
  }

  /** The ids the aggregator gave the keys the scan's mirrors lacked (bits of `missed`), learned there. */
  private learn(missed: number): void {
    const line = this.line;
    const tables = this.agg.keyTables;
    const scanner = this.scanner;
    if (missed & 1 && line.ipId >= 0) scanner.learnKey(0, tables[0]!, line.ipHash, line.ipStart, line.ipEnd, line.ipId);
    if (missed & 2 && line.userId >= 0) scanner.learnKey(1, tables[1]!, line.userHash, line.userStart, line.userEnd, line.userId);
    if (missed & 4 && line.repoId >= 0) scanner.learnKey(2, tables[2]!, line.repoHash, line.repoStart, line.repoEnd, line.repoId);
  }

  /** The end of this part: a last line without newline is still a line. */
  end(): void {
    if (this.carry !== null) this.one(this.carry, 0, this.carry.length);
    this.carry = null;
  }

  private tooLong(buf: Buffer): void {
    this.lineNumber += 1;
    this.agg.lines.total += 1;
    this.agg.unparsable(this.source, this.lineNumber, buf, 0, Math.min(buf.length, 300), `longer than ${MAX_LINE / 1024} KiB`);
  }

  private one(buf: Buffer, start: number, end: number): void {
    this.lineNumber += 1;
    const agg = this.agg;
    agg.lines.total += 1;
    if (end === start || (end === start + 1 && buf[start] === 13)) {
      agg.lines.total -= 1;
      return;
    }
    const code = this.line.parse(buf, start, end);
    if (code === PARSE.ok) this.line.hashKeys(buf);
    this.parsed(buf, start, end, code);
  }

  /** What line [start, end) of `buf` counts for, once parsed into `this.line` with `code`. */
  private parsed(buf: Buffer, start: number, end: number, code: number): void {
    const agg = this.agg;
    const line = this.line;
    if (code === PARSE.notGit) {
      agg.lines.other += 1;
      return;
    }
    if (code !== PARSE.ok) {
      agg.unparsable(this.source, this.lineNumber, buf, start, end, PARSE_REASONS[code]!);
      return;
    }
    agg.lines.git += 1;
    const id = line.idHash;
    if (!line.outgoing) {
      if (this.pending.add(id, line.time)) agg.lines.unpairedRequests += 1;
      return;
    }
    const started = this.pending.take(id);
    if (Number.isNaN(started) && this.orphan?.(buf, start, end) === true) return;
    this.complete(buf, started);
  }

  /** A response line handed over by a range's reader (`orphan`): paired here, with the requests of the ranges before. */
  resolve(buf: Buffer, start: number, end: number): void {
    const line = this.line;
    if (line.parse(buf, start, end) !== PARSE.ok) throw new Error('A handed-over access-log line no longer parses.');
    line.hashKeys(buf);
    this.complete(buf, this.pending.take(line.idHash));
  }

  /** The operation of the response just parsed into `this.line`, started at `started` (NaN: its request was not seen). */
  private complete(buf: Buffer, started: number): void {
    const line = this.line;
    const agg = this.agg;
    if (line.kind === KIND.none) return;
    if (!agg.inRange(line.time)) {
      agg.lines.outOfRange += 1;
      return;
    }
    const node = line.nodeEnd > line.nodeStart ? this.nodes.keyHashed(buf, line.nodeStart, line.nodeEnd, line.nodeHash) : this.fallbackNode;
    agg.operation(line, buf, started, node);
  }
}

/** Changes when any of the key tables starts over (generations only grow). */
function generationsOf(tables: readonly ByteKeys[]): number {
  return tables[0]!.generation + tables[1]!.generation + tables[2]!.generation;
}

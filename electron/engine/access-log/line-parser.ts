/**
 * One line of `atlassian-bitbucket-access.log`, read at the byte level: fields are found by
 * scanning for `|` in the Buffer and only the bytes a figure needs are ever decoded (the caller
 * decodes ranges when it keeps them). Splitting each line into strings was ~90× `wc -l`.
 *
 * Layouts seen in the wild (all end with ` |`):
 *   ip | proto | reqId | user | date | action | details | status | read | written | labels | ms | session |   (Bitbucket)
 *   the same without session, or with the duration missing (SSH lines of some versions)
 *   ip | proto | reqId | user | date | action | details | labels | ms | session |                              (Stash)
 * Request ids: `i*NODEx<minute>x<counter>x<concurrent>` (`*` clustered, `@` not) or `i8x1401519x6` (before Stash 3.2).
 *
 * The reference: the reader parses most lines with the WebAssembly port of this parse
 * (wasm/access-line.ts, via line-scanner.ts), which must give exactly what this gives (a fast-check
 * property in access-line-wasm.test.ts): change both together.
 */

import { hash32, hash52 } from './byte-keys';
import { bytes, endsWith, indexOfBytes, isCount, isNumber, readInt, scanByte, scanPipe, startsWith, trimEnd } from './line-bytes';
import { LABEL, readLabels } from './line-labels';
import { MinuteClock } from './minute-clock';

export { LABEL } from './line-labels';
export { MinuteClock, readTime } from './minute-clock';

const PIPE = 124;
const SP = 32;
const QUOTE = 34;
const APOS = 39;
const SLASH = 47;

export const KIND = { none: -1, clone: 0, shallow: 1, fetch: 2, push: 3, refs: 4 } as const;

export const PARSE = { ok: 0, notGit: 1, badFields: 2, badDate: 3, badRequestId: 4, truncated: 5, badAction: 6 } as const;
export const PARSE_REASONS = ['', '', 'too few fields', 'no valid timestamp', 'no valid request id', 'truncated (no closing "|")', 'unreadable request'];

const ACTION_HTTP = 1;
const ACTION_UPLOAD = 2;
const ACTION_RECEIVE = 3;
const ACTION_REFS = 4;

/** The fields of the last line read; reused for every line so parsing allocates nothing. */
export class AccessLine {
  outgoing = false;
  time = 0;
  ssh = false;
  ipStart = 0;
  ipEnd = 0;
  userStart = 0;
  userEnd = 0;
  /** The request id without its `i`/`o` and in-flight count, which pairs a request with its response. */
  idStart = 0;
  idEnd = 0;
  nodeStart = 0;
  nodeEnd = 0;
  repoStart = 0;
  repoEnd = 0;
  statusStart = 0;
  statusEnd = 0;
  kind: number = KIND.none;
  labels = 0;
  durationMs = -1;
  /**
   * Hashes of the fields the reader looks up, set by `hashKeys` (or by the WebAssembly scan, which
   * hashes them while the line is in cache): the request id's `hash52` for every `ok` line; for a
   * response, `hash32` (as an int32) of the address, user, repository and node its key tables look up.
   */
  idHash = 0;
  ipHash = 0;
  userHash = 0;
  repoHash = 0;
  nodeHash = 0;
  /**
   * A response's key ids in the aggregator's tables when already known (from the scan's key
   * mirrors), else -1: the aggregator then looks them up and writes them here.
   */
  ipId = -1;
  userId = -1;
  repoId = -1;
  private action = 0;
  private readonly clock = new MinuteClock();

  /** The key hashes of the `ok` line just parsed from `buf` (see `idHash`), its key ids not known. */
  hashKeys(buf: Uint8Array): void {
    this.idHash = hash52(buf, this.idStart, this.idEnd);
    if (!this.outgoing) return;
    this.ipId = this.userId = this.repoId = -1;
    this.ipHash = hash32(buf, this.ipStart, this.ipEnd) | 0;
    this.userHash = hash32(buf, this.userStart, this.userEnd) | 0;
    this.repoHash = hash32(buf, this.repoStart, this.repoEnd) | 0;
    this.nodeHash = hash32(buf, this.nodeStart, this.nodeEnd) | 0;
  }

  /** Reads bytes [start, end) of `buf` (no newline). Returns a `PARSE` code; only `ok` lines are git operations. */
  parse(buf: Buffer, start: number, end: number): number {
    while (end > start && (buf[end - 1] === 13 || buf[end - 1] === SP)) end--;
    let p = start;
    // ip
    const ipEnd = scanPipe(buf, p, end);
    if (ipEnd >= end) return PARSE.badFields;
    this.ipStart = p;
    this.ipEnd = trimEnd(buf, p, ipEnd);
    p = ipEnd + 2;
    // protocol: "http", "https" or "ssh"
    const protoEnd = scanPipe(buf, p, end);
    if (protoEnd >= end) return PARSE.badFields;
    // "grpc": a Mesh node's call from Bitbucket (atlassian-mesh-access.log, one field more), not a client's git operation.
    if (isGrpc(buf, p, protoEnd)) return PARSE.notGit;
    this.ssh = buf[p] === 115;
    p = protoEnd + 2;
    // request id
    const idEnd = scanPipe(buf, p, end);
    if (idEnd >= end) return PARSE.badFields;
    const io = buf[p];
    if (io !== 105 && io !== 111) return PARSE.badRequestId;
    this.outgoing = io === 111;
    this.idStart = p + 1;
    this.idEnd = trimEnd(buf, p, idEnd);
    if (this.idEnd <= this.idStart) return PARSE.badRequestId;
    p = idEnd + 2;
    // user
    const userEnd = scanPipe(buf, p, end);
    if (userEnd >= end) return PARSE.badFields;
    this.userStart = p;
    this.userEnd = trimEnd(buf, p, userEnd);
    p = userEnd + 2;
    // date: 2015-09-09 15:21:08,431
    const time = this.clock.read(buf, p, end);
    if (time < 0) return PARSE.badDate;
    this.time = time;
    p += 23;
    while (p < end && buf[p] === SP) p++;
    if (buf[p] !== PIPE) return PARSE.badDate;
    p += 2;
    // action: "GET /scm/P/r.git/info/refs HTTP/1.1" or SSH - git-upload-pack '/p/r.git'
    let actionEnd: number;
    if (buf[p] === QUOTE) {
      const close = scanByte(buf, p + 1, end, QUOTE);
      if (close >= end) return buf[end - 1] === PIPE ? PARSE.badAction : PARSE.truncated;
      actionEnd = scanPipe(buf, close, end);
    } else actionEnd = scanPipe(buf, p, end);
    if (actionEnd >= end) return PARSE.truncated;
    this.action = this.readAction(buf, p, actionEnd);
    if (this.action === 0) return PARSE.notGit;
    // The id's node and pairing part only for git lines (most lines are not): nothing reads them for the others.
    this.readNode(buf);
    // The last `x<n>` counts requests in flight when the line was written, which may differ between i and o.
    let x = this.idEnd - 1;
    while (x > this.idStart && buf[x] !== 120) x--;
    if (x > this.nodeEnd) this.idEnd = x;
    if (buf[end - 1] !== PIPE) return PARSE.truncated;
    if (!this.outgoing) return PARSE.ok;
    return this.readTail(buf, actionEnd + 1, end - 1);
  }

  /** `*NODEx…` or `@NODEx…`: the cluster node's id; older ids have none. */
  private readNode(buf: Buffer): void {
    const s = this.idStart;
    if (buf[s] !== 42 && buf[s] !== 64) {
      this.nodeStart = this.nodeEnd = 0;
      return;
    }
    this.nodeStart = s + 1;
    this.nodeEnd = scanByte(buf, s + 1, this.idEnd, 120);
  }

  private readAction(buf: Buffer, s: number, e: number): number {
    // `"SSH - git-upload-pack '/p/r.git'"`: an SSH command quoted like an HTTP request line (seen in the wild).
    if (buf[s] === QUOTE && !startsWith(buf, s + 1, e, SSH_COMMAND)) {
      const methodEnd = scanByte(buf, s + 1, e, SP);
      let pathEnd = scanByte(buf, methodEnd + 1, e, SP);
      const q = scanByte(buf, methodEnd + 1, pathEnd, 63);
      if (q < pathEnd) pathEnd = q;
      let suffix: number;
      let action: number;
      if (endsWith(buf, pathEnd, INFO_REFS)) {
        suffix = pathEnd - INFO_REFS.length;
        action = ACTION_REFS;
      } else if (endsWith(buf, pathEnd, UPLOAD_PATH)) {
        suffix = pathEnd - UPLOAD_PATH.length;
        action = ACTION_UPLOAD;
      } else if (endsWith(buf, pathEnd, RECEIVE_PATH)) {
        suffix = pathEnd - RECEIVE_PATH.length;
        action = ACTION_RECEIVE;
      } else return 0;
      this.setRepo(buf, methodEnd + 1, suffix);
      return action | (ACTION_HTTP << 3);
    }
    const git = indexOfBytes(buf, s, e, GIT_DASH);
    if (git < 0) return 0;
    let action: number;
    if (startsWith(buf, git + 4, e, UPLOAD_PACK)) action = ACTION_UPLOAD;
    else if (startsWith(buf, git + 4, e, RECEIVE_PACK)) action = ACTION_RECEIVE;
    else return 0;
    const open = scanByte(buf, git, e, APOS);
    const close = scanByte(buf, open + 1, e, APOS);
    if (close >= e) return 0;
    this.setRepo(buf, open + 1, close);
    return action;
  }

  /** The last two path segments before [.., e), less `.git`: `PROJ/repo`. */
  private setRepo(buf: Buffer, s: number, e: number): void {
    if (e - s > 4 && buf[e - 4] === 46 && buf[e - 3] === 103 && buf[e - 2] === 105 && buf[e - 1] === 116) e -= 4;
    let slashes = 0;
    let i = e - 1;
    for (; i >= s; i--) if (buf[i] === SLASH && ++slashes === 2) break;
    this.repoStart = i + 1;
    this.repoEnd = e;
  }

  private readTail(buf: Buffer, s: number, e: number): number {
    // Field starts after the action; at most 8 are read, the rest (none in known layouts) ignored.
    const at = TAIL;
    let n = 0;
    let p = s;
    while (p < e && n < 8) {
      const q = scanPipe(buf, p, e);
      at[n * 2] = p + 1;
      at[n * 2 + 1] = q;
      n++;
      p = q + 1;
    }
    let labels: number;
    let duration = -1;
    let status = -1;
    if (n >= 6 && isCount(buf, at[2]!, at[3]!)) {
      status = 2;
      labels = 8;
      if (n >= 7 || isNumber(buf, at[10]!, at[11]!)) duration = 10;
    } else if (n >= 3 && n <= 4) {
      labels = 2;
      duration = 4;
    } else if (n === 5) {
      status = 2;
      labels = 8;
    } else return PARSE.badFields;
    this.statusStart = status < 0 ? 0 : at[status]! + 0;
    this.statusEnd = status < 0 ? 0 : trimEnd(buf, at[status]!, at[status + 1]!);
    this.labels = readLabels(buf, at[labels]!, at[labels + 1]!);
    this.durationMs = duration < 0 ? -1 : readInt(buf, at[duration]!, at[duration + 1]!);
    this.kind = this.classify();
    return PARSE.ok;
  }

  /** Labels first (they name the operation), then the request when a line has none. */
  private classify(): number {
    const l = this.labels;
    const action = this.action & 7;
    if (l & LABEL.push || action === ACTION_RECEIVE) return action === ACTION_REFS ? KIND.refs : KIND.push;
    if (l & LABEL.clone) return l & LABEL.shallow ? KIND.shallow : KIND.clone;
    if (l & LABEL.fetch) return KIND.fetch;
    if (l & LABEL.refs || action === ACTION_REFS) return KIND.refs;
    // An SSH upload-pack with no clone or fetch label only advertised refs (nothing wanted).
    if (this.ssh) return KIND.refs;
    return KIND.fetch;
  }
}

const TAIL = new Int32Array(16);
const INFO_REFS = bytes('/info/refs');
const UPLOAD_PATH = bytes('/git-upload-pack');
const RECEIVE_PATH = bytes('/git-receive-pack');
const GIT_DASH = bytes('git-');
const SSH_COMMAND = bytes('SSH - ');
const GRPC = bytes('grpc');
const UPLOAD_PACK = bytes('upload-pack');
const RECEIVE_PACK = bytes('receive-pack');

/** Whether the protocol field [s, e) (before its padding) is `grpc`. */
const isGrpc = (buf: Buffer, s: number, e: number): boolean => startsWith(buf, s, e, GRPC) && trimEnd(buf, s, e) === s + GRPC.length;

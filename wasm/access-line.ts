// AssemblyScript, compiled to WebAssembly by scripts/build-wasm.mjs (not TypeScript for tsc/eslint).
// The access-log line parse of electron/engine/access-log/line-parser.ts (`AccessLine.parse`, the
// reference), over many lines per call: lines and fields are found 16 bytes at a time with SIMD
// (`i8x16.eq` + `i8x16.bitmask`), and each line's fields are written to a record the reader reads.
// Every branch mirrors the reference, edge cases included (a fast-check property holds them equal).

import { APOS, byte, CR, endsWith, NL, PIPE, QUOTE, scanByte, SLASH, SP, startsWith, trimEnd } from './bytes';
import { readClock } from './log-time';
import { hashId, hashKey, idLow } from './hash';
import { findKey, MIRROR_BYTES, MIRROR_SLOTS } from './keys';
import {
  ACTION_HTTP,
  ACTION_RECEIVE,
  ACTION_REFS,
  ACTION_UPLOAD,
  BAD_DATE,
  BAD_ACTION,
  BAD_FIELDS,
  BAD_REQUEST_ID,
  BLANK,
  NOT_GIT,
  OK,
  R_CODE,
  R_END,
  R_FLAGS,
  R_ID,
  R_ID_HASH,
  R_ID_LOW,
  R_IP,
  R_IP_HASH,
  R_IP_ID,
  R_NODE,
  R_NODE_HASH,
  R_REPO,
  R_REPO_HASH,
  R_REPO_ID,
  R_START,
  R_USER,
  R_USER_HASH,
  R_USER_ID,
  REC,
  TRUNCATED,
} from './record';
import { readTail } from './tail';

const INFO_REFS = memory.data<u8>([47, 105, 110, 102, 111, 47, 114, 101, 102, 115]); // /info/refs
const UPLOAD_PATH = memory.data<u8>([47, 103, 105, 116, 45, 117, 112, 108, 111, 97, 100, 45, 112, 97, 99, 107]); // /git-upload-pack
const RECEIVE_PATH = memory.data<u8>([47, 103, 105, 116, 45, 114, 101, 99, 101, 105, 118, 101, 45, 112, 97, 99, 107]); // /git-receive-pack
const UPLOAD_PACK = memory.data<u8>([117, 112, 108, 111, 97, 100, 45, 112, 97, 99, 107]); // upload-pack
const RECEIVE_PACK = memory.data<u8>([114, 101, 99, 101, 105, 118, 101, 45, 112, 97, 99, 107]); // receive-pack
const SSH_COMMAND = memory.data<u8>([83, 83, 72, 32, 45, 32]); // SSH -
const GRPC = memory.data<u8>([103, 114, 112, 99]); // grpc

// Key mirrors (see keys.ts): the reader writes (bytes → id) of keys its aggregator's tables gave,
// and the scan looks each response's keys up there while the line is in cache.
let mirrors: usize = 0;
// Slots in use of each mirror, less one (key-mirrors.ts sizes them to their keys and tells the scan).
let ipMask: u32 = MIRROR_SLOTS - 1;
let userMask: u32 = MIRROR_SLOTS - 1;
let repoMask: u32 = MIRROR_SLOTS - 1;

// The line being parsed.
let outgoing = false;
let ssh = false;
let idStart: u32 = 0;
let idEnd: u32 = 0;
let nodeStart: u32 = 0;
let nodeEnd: u32 = 0;
let repoStart: u32 = 0;
let repoEnd: u32 = 0;
let action: i32 = 0;
/** Where the last `scan` stopped: just after the last line it recorded. */
let scanned: u32 = 0;

/** Hashes key `field`'s bytes into the record, while the line is in cache; `lookUpKeys` finds its id later. */
function storeKeyHash(rec: usize, field: i32, hash: i32): void {
  store<u32>(rec + hash * 4, hashKey(load<u32>(rec + field * 4), load<u32>(rec + (field + 1) * 4)));
}

/** Looks key `field` (hashed into the record) up in mirror `table` (`mask`: its slots in use, less one). */
function lookUpKey(rec: usize, field: i32, hash: i32, table: u32, mask: u32, id: i32): void {
  const s = load<u32>(rec + field * 4);
  const e = load<u32>(rec + (field + 1) * 4);
  store<i32>(rec + id * 4, findKey(mirrors + table * MIRROR_BYTES, mask, s, e - s, load<u32>(rec + hash * 4)));
}

/**
 * The mirrors' ids of the responses' keys among records [0, n), after the batch is parsed: lookups one
 * after another overlap their cache misses (a slot, then the key's bytes, in mirrors of up to 1.5 MB),
 * where one between two lines' parses waited for each. The mirrors do not change during a scan.
 */
function lookUpKeys(recs: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const rec = recs + <usize>i * REC * 4;
    if (load<i32>(rec + R_CODE * 4) != OK || (load<i32>(rec + R_FLAGS * 4) & 1) == 0) continue;
    lookUpKey(rec, R_IP, R_IP_HASH, 0, ipMask, R_IP_ID);
    lookUpKey(rec, R_USER, R_USER_HASH, 1, userMask, R_USER_ID);
    lookUpKey(rec, R_REPO, R_REPO_HASH, 2, repoMask, R_REPO_ID);
  }
}

/** Both halves of `hash52` of the request id [idStart, idEnd), in one pass as there. */
function storeIdHash(rec: usize): void {
  store<u32>(rec + R_ID_HASH * 4, hashId(idStart, idEnd));
  store<u32>(rec + R_ID_LOW * 4, idLow);
}

function setRepo(s: u32, e: u32): void {
  if (<i32>e - <i32>s > 4 && byte(e - 4) == 46 && byte(e - 3) == 103 && byte(e - 2) == 105 && byte(e - 1) == 116) e -= 4;
  let slashes = 0;
  let i = <i32>e - 1;
  for (; i >= <i32>s; i--) if (byte(<u32>i) == SLASH && ++slashes == 2) break;
  repoStart = <u32>(i + 1);
  repoEnd = e;
}

function indexOfGitDash(s: u32, e: u32): i32 {
  for (let p = s; p + 4 <= e; p++) if (load<u32>(p) == 0x2d746967) return <i32>p; // "git-"
  return -1;
}

function readAction(s: u32, e: u32): i32 {
  if (byte(s) == QUOTE && !startsWith(s + 1, e, SSH_COMMAND, 6)) {
    const methodEnd = scanByte(s + 1, e, SP);
    let pathEnd = scanByte(methodEnd + 1, e, SP);
    const q = scanByte(methodEnd + 1, pathEnd, 63);
    if (q < pathEnd) pathEnd = q;
    let suffix: u32;
    let act: i32;
    if (endsWith(pathEnd, INFO_REFS, 10)) {
      suffix = pathEnd - 10;
      act = ACTION_REFS;
    } else if (endsWith(pathEnd, UPLOAD_PATH, 16)) {
      suffix = pathEnd - 16;
      act = ACTION_UPLOAD;
    } else if (endsWith(pathEnd, RECEIVE_PATH, 17)) {
      suffix = pathEnd - 17;
      act = ACTION_RECEIVE;
    } else return 0;
    setRepo(methodEnd + 1, suffix);
    return act | (ACTION_HTTP << 3);
  }
  const git = indexOfGitDash(s, e);
  if (git < 0) return 0;
  const g = <u32>git;
  let act: i32;
  if (startsWith(g + 4, e, UPLOAD_PACK, 11)) act = ACTION_UPLOAD;
  else if (startsWith(g + 4, e, RECEIVE_PACK, 12)) act = ACTION_RECEIVE;
  else return 0;
  const open = scanByte(g, e, APOS);
  const close = scanByte(open + 1, e, APOS);
  if (close >= e) return 0;
  setRepo(open + 1, close);
  return act;
}

function readNode(): void {
  const s = idStart;
  const c = byte(s);
  if (c != 42 && c != 64) {
    nodeStart = nodeEnd = 0;
    return;
  }
  nodeStart = s + 1;
  nodeEnd = scanByte(s + 1, idEnd, 120);
}

/** `AccessLine.parse` of bytes [start, end) (no newline): a PARSE code; fields into the record at `rec`, the time at `time`. */
function parseLine(start: u32, end: u32, rec: usize, time: usize): i32 {
  while (end > start && (byte(end - 1) == CR || byte(end - 1) == SP)) end--;
  let p = start;
  const ipEnd = scanByte(p, end, PIPE);
  if (ipEnd >= end) return BAD_FIELDS;
  store<u32>(rec + R_IP * 4, p);
  store<u32>(rec + (R_IP + 1) * 4, trimEnd(p, ipEnd));
  p = ipEnd + 2;
  const protoEnd = scanByte(p, end, PIPE);
  if (protoEnd >= end) return BAD_FIELDS;
  if (startsWith(p, protoEnd, GRPC, 4) && trimEnd(p, protoEnd) == p + 4) return NOT_GIT;
  ssh = byte(p) == 115;
  p = protoEnd + 2;
  const idPipe = scanByte(p, end, PIPE);
  if (idPipe >= end) return BAD_FIELDS;
  const io = byte(p);
  if (io != 105 && io != 111) return BAD_REQUEST_ID;
  outgoing = io == 111;
  idStart = p + 1;
  idEnd = trimEnd(p, idPipe);
  if (idEnd <= idStart) return BAD_REQUEST_ID;
  p = idPipe + 2;
  const userEnd = scanByte(p, end, PIPE);
  if (userEnd >= end) return BAD_FIELDS;
  store<u32>(rec + R_USER * 4, p);
  store<u32>(rec + (R_USER + 1) * 4, trimEnd(p, userEnd));
  p = userEnd + 2;
  const t = readClock(p, end);
  if (t < 0) return BAD_DATE;
  store<f64>(time, t);
  p += 23;
  while (p < end && byte(p) == SP) p++;
  if (byte(p) != PIPE) return BAD_DATE;
  p += 2;
  let actionEnd: u32;
  if (byte(p) == QUOTE) {
    const close = scanByte(p + 1, end, QUOTE);
    if (close >= end) return byte(end - 1) == PIPE ? BAD_ACTION : TRUNCATED;
    actionEnd = scanByte(close, end, PIPE);
  } else actionEnd = scanByte(p, end, PIPE);
  if (actionEnd >= end) return TRUNCATED;
  action = readAction(p, actionEnd);
  if (action == 0) return NOT_GIT;
  readNode();
  let x = idEnd - 1;
  while (x > idStart && byte(x) != 120) x--;
  if (x > nodeEnd) idEnd = x;
  store<i32>(rec + R_FLAGS * 4, (outgoing ? 1 : 0) | (ssh ? 2 : 0));
  store<u32>(rec + R_ID * 4, idStart);
  store<u32>(rec + (R_ID + 1) * 4, idEnd);
  store<u32>(rec + R_NODE * 4, nodeStart);
  store<u32>(rec + (R_NODE + 1) * 4, nodeEnd);
  store<u32>(rec + R_REPO * 4, repoStart);
  store<u32>(rec + (R_REPO + 1) * 4, repoEnd);
  if (byte(end - 1) != PIPE) return TRUNCATED;
  if (!outgoing) {
    storeIdHash(rec);
    return OK;
  }
  const code = readTail(actionEnd + 1, end - 1, rec, action, ssh);
  if (code != OK) return code;
  storeIdHash(rec);
  storeKeyHash(rec, R_IP, R_IP_HASH);
  storeKeyHash(rec, R_USER, R_USER_HASH);
  storeKeyHash(rec, R_REPO, R_REPO_HASH);
  storeKeyHash(rec, R_NODE, R_NODE_HASH);
  return OK;
}

/**
 * Parses the lines of [from, to) that end with a newline, at most `max` of them, into records
 * from `recs` (times from `times`). Returns how many; `scannedTo()` then gives where it stopped.
 * The caller keeps 16 readable bytes past `to`; `after` is written at `to`: the byte that follows
 * there (0 where nothing does: a Buffer's end reads as no byte), as a line's edge cases may read it.
 */
export function scan(from: u32, to: u32, after: u32, recs: usize, times: usize, max: i32): i32 {
  store<u8>(to, after);
  let p = from;
  let n = 0;
  while (n < max && p < to) {
    const e = scanByte(p, to, NL);
    if (e >= to) break;
    const rec = recs + <usize>n * REC * 4;
    store<u32>(rec + R_START * 4, p);
    store<u32>(rec + R_END * 4, e);
    const blank = e == p || (e == p + 1 && byte(p) == CR);
    store<i32>(rec + R_CODE * 4, blank ? BLANK : parseLine(p, e, rec, times + <usize>n * 8));
    n++;
    p = e + 1;
  }
  scanned = p;
  lookUpKeys(recs, n);
  return n;
}

/** Where the three key mirrors start (MIRROR_BYTES each), set once by the reader. */
export function setMirrors(at: usize): void {
  mirrors = at;
}

/** Mirror `t` (address, user, repository) uses its first `mask` + 1 slots now. */
export function setMirrorMask(t: u32, mask: u32): void {
  if (t == 0) ipMask = mask;
  else if (t == 1) userMask = mask;
  else repoMask = mask;
}

export function scannedTo(): u32 {
  return scanned;
}

/** Where static data ends: the reader's records must start past it. */
export function dataEnd(): usize {
  return __heap_base;
}

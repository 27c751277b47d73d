// AssemblyScript (see access-line.ts): a response's fields after its action — status, labels, duration —
// and its kind, as line-parser.ts reads them (`readTail` there).

import { byte, COMMA, DASH, PIPE, scanByte, SP, startsWith, trimEnd } from './bytes';
import {
  ACTION_RECEIVE,
  ACTION_REFS,
  BAD_FIELDS,
  K_CLONE,
  K_FETCH,
  K_PUSH,
  K_REFS,
  K_SHALLOW,
  L_CLONE,
  L_FETCH,
  L_HIT,
  L_MISS,
  L_PROTO2,
  L_PUSH,
  L_REFS,
  L_SHALLOW,
  OK,
  R_DURATION,
  R_KIND,
  R_LABELS,
  R_STATUS,
} from './record';

const CACHE_HIT = memory.data<u8>([99, 97, 99, 104, 101, 58, 104, 105, 116]);
const CACHE_MISS = memory.data<u8>([99, 97, 99, 104, 101, 58, 109, 105, 115, 115]);
const CLONE = memory.data<u8>([99, 108, 111, 110, 101]);
const FETCH = memory.data<u8>([102, 101, 116, 99, 104]);
const SHALLOW = memory.data<u8>([115, 104, 97, 108, 108, 111, 119]);
const SHALLOW_CLONE = memory.data<u8>([115, 104, 97, 108, 108, 111, 119, 32, 99, 108, 111, 110, 101]);
const REFS = memory.data<u8>([114, 101, 102, 115]);
const PUSH = memory.data<u8>([112, 117, 115, 104]);
const PROTOCOL_2 = memory.data<u8>([112, 114, 111, 116, 111, 99, 111, 108, 58, 50]);

function labelFlag(p: u32, t: u32): i32 {
  const len = t - p;
  if (len == 9) return startsWith(p, t, CACHE_HIT, 9) ? L_HIT : 0;
  if (len == 10) return startsWith(p, t, CACHE_MISS, 10) ? L_MISS : startsWith(p, t, PROTOCOL_2, 10) ? L_PROTO2 : 0;
  if (len == 5) return startsWith(p, t, CLONE, 5) ? L_CLONE : startsWith(p, t, FETCH, 5) ? L_FETCH : 0;
  if (len == 7) return startsWith(p, t, SHALLOW, 7) ? L_SHALLOW : 0;
  if (len == 13) return startsWith(p, t, SHALLOW_CLONE, 13) ? L_SHALLOW | L_CLONE : 0;
  if (len == 4) return startsWith(p, t, REFS, 4) ? L_REFS : startsWith(p, t, PUSH, 4) ? L_PUSH : 0;
  return 0;
}

function readLabels(s: u32, e: u32): i32 {
  let flags = 0;
  let p = s;
  while (p < e) {
    while (p < e && byte(p) == SP) p++;
    let q = p;
    while (q < e && byte(q) != COMMA) q++;
    let t = q;
    while (t > p && byte(t - 1) == SP) t--;
    flags |= labelFlag(p, t);
    p = q + 1;
  }
  return flags;
}

function isNumber(s: u32, e: u32): bool {
  while (s < e && byte(s) == SP) s++;
  e = trimEnd(s, e);
  if (s == e) return false;
  for (let i = s; i < e; i++) {
    const c = byte(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isCount(s: u32, e: u32): bool {
  while (s < e && byte(s) == SP) s++;
  return (s + 1 == trimEnd(s, e) && byte(s) == DASH) || isNumber(s, e);
}

function readInt(s: u32, e: u32): i32 {
  while (s < e && byte(s) == SP) s++;
  let n = 0;
  let digits = 0;
  for (; s < e; s++) {
    const c = <i32>byte(s) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
    digits++;
  }
  return digits == 0 ? -1 : n;
}

/** The operation's kind from its labels, its action (`readAction`) and whether it came over SSH. */
function classify(labels: i32, action: i32, ssh: bool): i32 {
  const act = action & 7;
  if (labels & L_PUSH || act == ACTION_RECEIVE) return act == ACTION_REFS ? K_REFS : K_PUSH;
  if (labels & L_CLONE) return labels & L_SHALLOW ? K_SHALLOW : K_CLONE;
  if (labels & L_FETCH) return K_FETCH;
  if (labels & L_REFS || act == ACTION_REFS) return K_REFS;
  if (ssh) return K_REFS;
  return K_FETCH;
}

// Field starts and ends after the action, as the reference's TAIL.
const TAIL = memory.data(64);

/** The fields after the action of a response, [s, e): status, labels, duration and kind into the record at `rec`. */
export function readTail(s: u32, e: u32, rec: usize, action: i32, ssh: bool): i32 {
  let n = 0;
  let p = s;
  while (p < e && n < 8) {
    const q = scanByte(p, e, PIPE);
    store<u32>(TAIL + n * 8, p + 1);
    store<u32>(TAIL + n * 8 + 4, q);
    n++;
    p = q + 1;
  }
  let labels: i32;
  let duration = -1;
  let status = -1;
  if (n >= 6 && isCount(load<u32>(TAIL + 8), load<u32>(TAIL + 12))) {
    status = 1;
    labels = 4;
    if (n >= 7 || isNumber(load<u32>(TAIL + 40), load<u32>(TAIL + 44))) duration = 5;
  } else if (n >= 3 && n <= 4) {
    labels = 1;
    duration = 2;
  } else if (n == 5) {
    status = 1;
    labels = 4;
  } else return BAD_FIELDS;
  if (status < 0) {
    store<i32>(rec + R_STATUS * 4, 0);
    store<i32>(rec + (R_STATUS + 1) * 4, 0);
  } else {
    const ss = load<u32>(TAIL + status * 8);
    store<u32>(rec + R_STATUS * 4, ss);
    store<u32>(rec + (R_STATUS + 1) * 4, trimEnd(ss, load<u32>(TAIL + status * 8 + 4)));
  }
  const l = readLabels(load<u32>(TAIL + labels * 8), load<u32>(TAIL + labels * 8 + 4));
  store<i32>(rec + R_LABELS * 4, l);
  store<i32>(rec + R_DURATION * 4, duration < 0 ? -1 : readInt(load<u32>(TAIL + duration * 8), load<u32>(TAIL + duration * 8 + 4)));
  store<i32>(rec + R_KIND * 4, classify(l, action, ssh));
  return OK;
}

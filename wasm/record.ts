// AssemblyScript (see access-line.ts): the layout of a line's record and the codes it holds, shared by
// the parse (access-line.ts) and the tail's fields (tail.ts); line-scanner.ts reads the same layout.

// Record of one line: REC i32s at recs + i * REC * 4, its time (f64) at times + i * 8.
export const REC = 28;
export const R_START = 0;
export const R_END = 1;
export const R_CODE = 2;
export const R_FLAGS = 3; // 1: outgoing, 2: ssh
export const R_IP = 4;
export const R_USER = 6;
export const R_ID = 8;
export const R_NODE = 10;
export const R_REPO = 12;
export const R_STATUS = 14;
export const R_KIND = 16;
export const R_LABELS = 17;
export const R_DURATION = 18;
// Hashes of the keys the reader looks up (byte-keys.ts, wasm/hash.ts): `hash32` of the address, user,
// repository (and, at R_NODE_HASH, node) of a response; both halves of `hash52` of every git line's request id.
export const R_IP_HASH = 19;
export const R_USER_HASH = 20;
export const R_REPO_HASH = 21;
export const R_ID_HASH = 22;
export const R_ID_LOW = 23;
// `hash32` of a response's node (the request id's part after its first byte, up to the first `x`).
export const R_NODE_HASH = 27;
// The ids of the response's address, user and repository in the reader's key mirrors (-1: not there).
export const R_IP_ID = 24;
export const R_USER_ID = 25;
export const R_REPO_ID = 26;

export const OK = 0;
export const NOT_GIT = 1;
export const BAD_FIELDS = 2;
export const BAD_DATE = 3;
export const BAD_REQUEST_ID = 4;
export const TRUNCATED = 5;
export const BAD_ACTION = 6;
/** An empty line (or a lone CR): not counted. */
export const BLANK = 7;

export const ACTION_HTTP = 1;
export const ACTION_UPLOAD = 2;
export const ACTION_RECEIVE = 3;
export const ACTION_REFS = 4;

export const L_HIT = 1;
export const L_MISS = 2;
export const L_CLONE = 4;
export const L_FETCH = 8;
export const L_SHALLOW = 16;
export const L_REFS = 32;
export const L_PUSH = 64;
export const L_PROTO2 = 128;

export const K_CLONE = 0;
export const K_SHALLOW = 1;
export const K_FETCH = 2;
export const K_PUSH = 3;
export const K_REFS = 4;

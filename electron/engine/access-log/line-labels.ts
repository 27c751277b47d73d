/** The labels field (`cache:miss, clone, protocol:2`) as flags, matched by bytes. */

import { bytes, startsWith } from './line-bytes';

const SP = 32;
const COMMA = 44;

export const LABEL = { hit: 1, miss: 2, clone: 4, fetch: 8, shallow: 16, refs: 32, push: 64, proto2: 128 } as const;

/** Labels, by length then bytes: cheaper than decoding the field. Two flat arrays: no destructuring per label. */
const LABEL_TABLE: Array<[string, number]> = [
  ['cache:hit', LABEL.hit],
  ['cache:miss', LABEL.miss],
  ['clone', LABEL.clone],
  ['fetch', LABEL.fetch],
  ['shallow', LABEL.shallow],
  ['shallow clone', LABEL.shallow | LABEL.clone],
  ['refs', LABEL.refs],
  ['push', LABEL.push],
  ['protocol:2', LABEL.proto2],
];
const LABEL_WORDS = LABEL_TABLE.map(([w]) => bytes(w));
const LABEL_FLAGS = Int32Array.from(LABEL_TABLE, ([, f]) => f);

export function readLabels(buf: Buffer, s: number, e: number): number {
  let flags = 0;
  let p = s;
  while (p < e) {
    while (p < e && buf[p] === SP) p++;
    let q = p;
    while (q < e && buf[q] !== COMMA) q++;
    let t = q;
    while (t > p && buf[t - 1] === SP) t--;
    const len = t - p;
    for (let w = 0; w < LABEL_WORDS.length; w++) {
      const word = LABEL_WORDS[w]!;
      if (word.length === len && startsWith(buf, p, t, word)) {
        flags |= LABEL_FLAGS[w]!;
        break;
      }
    }
    p = q + 1;
  }
  return flags;
}

/**
 * A small structural diff of JSON values, so a push carries what changed instead of the whole
 * snapshot. Objects are compared key by key and arrays index by index (a longer array appends,
 * a shorter one truncates), because the snapshot's lists keep their order between polls: a
 * target's poll changes a few leaves deep inside one entry, and only those leaves travel.
 *
 * `undefined` counts as absent, as it does in JSON, so a diff means the same on both transports
 * (IPC's structured clone keeps undefined keys, JSON drops them).
 */
export type JsonPath = (string | number)[];
export type PatchOp =
  /** Set the value at the path (creating the key). */
  | { op: 's'; p: JsonPath; v: unknown }
  /** Delete the key at the path. */
  | { op: 'd'; p: JsonPath }
  /** Cut the array at the path to `n` entries. */
  | { op: 't'; p: JsonPath; n: number };

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own keys only: a key named `__proto__` (JSON.parse makes one) is data, never the prototype. */
const own = (o: Obj, key: string | number): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const put = (o: Obj, key: string | number, value: unknown): void => {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
};

function diffInto(a: unknown, b: unknown, path: JsonPath, ops: PatchOp[]): void {
  if (Object.is(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      if (a[key] !== undefined && own(b, key) === undefined) ops.push({ op: 'd', p: [...path, key] });
    }
    for (const key of Object.keys(b)) {
      const next = b[key];
      if (next === undefined) continue;
      const prev = own(a, key);
      if (prev === undefined) ops.push({ op: 's', p: [...path, key], v: next });
      else diffInto(prev, next, [...path, key], ops);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) diffInto(a[i], b[i], [...path, i], ops);
    if (b.length < a.length) ops.push({ op: 't', p: path, n: b.length });
    for (let i = common; i < b.length; i++) ops.push({ op: 's', p: [...path, i], v: b[i] });
    return;
  }
  ops.push({ op: 's', p: path, v: b });
}

/** The operations that turn `a` into `b`; empty when they are equal as JSON. */
export function diffJson(a: unknown, b: unknown): PatchOp[] {
  const ops: PatchOp[] = [];
  diffInto(a, b, [], ops);
  return ops;
}

const shallowCopy = (v: unknown): Obj | unknown[] => {
  if (Array.isArray(v)) return [...v];
  const copy: Obj = {};
  for (const key of Object.keys(v as Obj)) put(copy, key, (v as Obj)[key]);
  return copy;
};

/**
 * Applies `ops` to `root` without changing it: every container on a changed path is copied once,
 * the rest is shared with `root`, so an unchanged part keeps its identity. Throws on a path that
 * does not exist in `root` (a patch meant for another base).
 */
export function applyJsonPatch(root: unknown, ops: readonly PatchOp[]): unknown {
  let result = root;
  const fresh = new Set<unknown>();
  const owned = (v: unknown): Obj | unknown[] => {
    if (typeof v !== 'object' || v === null)
      throw new RangeError('The patch does not fit this snapshot: it walks into a value that is not a list or an object.');
    if (fresh.has(v)) return v as Obj | unknown[];
    const copy = shallowCopy(v);
    fresh.add(copy);
    return copy;
  };
  for (const o of ops) {
    if (o.p.length === 0) {
      if (o.op === 's') {
        result = o.v;
        fresh.clear();
        continue;
      }
      if (o.op === 'd') throw new RangeError('The patch does not fit this snapshot: it deletes the whole value.');
    }
    result = owned(result);
    let parent = result as Obj;
    const last = o.op === 't' ? o.p.length : o.p.length - 1;
    for (let i = 0; i < last; i++) {
      const key = o.p[i]!;
      const child = owned(own(parent, key));
      put(parent, key, child);
      parent = child as Obj;
    }
    if (o.op === 't') {
      if (!Array.isArray(parent)) throw new RangeError('The patch does not fit this snapshot: it cuts a value that is not a list.');
      parent.length = Math.min(parent.length, o.n);
    } else if (o.op === 'd') delete parent[o.p[last]!];
    else if (Array.isArray(parent)) parent[o.p[last] as number] = o.v;
    else put(parent, o.p[last]!, o.v);
  }
  return result;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Returns `next`, but with every part that deep-equals the matching part of `prev` replaced by
 * `prev`'s object. Each poll parses a brand-new snapshot; sharing unchanged parts keeps their
 * identity, so memoised components and `Object.is` selectors skip what did not change.
 */
export const shareEqual = <T>(prev: unknown, next: T): T => {
  if (Object.is(prev, next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const shared = next.map((item, index) => shareEqual(prev[index], item));
    const same = prev.length === shared.length && shared.every((item, index) => Object.is(item, prev[index]));
    return (same ? prev : shared) as T;
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const keys = Object.keys(next);
    const shared: Record<string, unknown> = {};
    let same = keys.length === Object.keys(prev).length;
    for (const key of keys) {
      shared[key] = shareEqual(prev[key], next[key]);
      if (!(key in prev) || !Object.is(shared[key], prev[key])) same = false;
    }
    return (same ? prev : shared) as T;
  }
  return next;
};

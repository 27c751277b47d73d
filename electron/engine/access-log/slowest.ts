import type { SlowOperation } from '../../../shared/model/access-log';

/**
 * The slowest operations, in one total order (longest first, then every field), so the list is
 * the same whatever order operations arrive in: a log read in parallel ranges keeps the same
 * slowest list as read in one pass. Records equal in every field are interchangeable.
 */
export class SlowestList {
  private readonly list: SlowOperation[] = [];

  constructor(private readonly capacity: number) {}

  /** Whether an operation this long may enter (cheap test before building its record). */
  admits(durationMs: number): boolean {
    return this.list.length < this.capacity || durationMs >= this.list[this.list.length - 1]!.durationMs;
  }

  add(op: SlowOperation): void {
    const list = this.list;
    let i = list.length;
    while (i > 0 && compareSlow(list[i - 1]!, op) > 0) i--;
    if (i >= this.capacity) return;
    list.splice(i, 0, op);
    if (list.length > this.capacity) list.pop();
  }

  toArray(): SlowOperation[] {
    return [...this.list];
  }
}

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Longest first; ties by start, then by the record's text fields. */
function compareSlow(a: SlowOperation, b: SlowOperation): number {
  return (
    b.durationMs - a.durationMs ||
    a.at - b.at ||
    text(a.repository, b.repository) ||
    text(a.kind, b.kind) ||
    text(a.node, b.node) ||
    text(a.user, b.user) ||
    text(a.clientIp, b.clientIp) ||
    text(a.protocol, b.protocol) ||
    a.gitProtocol - b.gitProtocol ||
    text(a.cache, b.cache) ||
    text(a.status, b.status)
  );
}

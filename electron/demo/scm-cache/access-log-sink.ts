import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheKind } from '../../../shared/model/cache';
import type { DemoRepo, DemoUser } from '../catalog';
import type { Rng } from '../prng';
import { AccessLogFormatter, simulatedDuration, type LoggedOp } from './access-log-writer';
import type { TrafficObserver } from './traffic';

const FLUSH_BYTES = 64 * 1024;
/** Operations formatted in one turn of the event loop (a few ms). */
const FORMAT_SLICE = 1_000;
/** CI servers poll refs and then fetch when something changed: this share of polls fetch. */
const FETCH_AFTER_POLL = 0.3;
const SHALLOW_SHARE = 0.35;
const CI_USERS = ['bamboo', 'jenkins-ci', 'renovate-bot'];

/**
 * The simulated primary's `atlassian-bitbucket-access.log`: every request of the SCM cache traffic
 * model as Bitbucket would log it, with the model's own cache hit or miss. It draws from its own
 * random stream, so turning the log on changes nothing in the model.
 *
 * Operations are drawn at once but written as lines in slices, one turn of the event loop each:
 * the warm-up hour (≈ 40,000 lines a primary) is simulated at the demo's first cache read, and its
 * lines took ≈ 0.8 s of CPU in one block while the page asked for its first snapshot (issue 13
 * item 7). The lines are the same, in the same order; `close` writes every one, responses still
 * open included (their end is in the log's future).
 */
export class DemoAccessLog implements TrafficObserver {
  readonly path: string;
  private readonly fd: number;
  private buffered: string[] = [];
  private bytes = 0;
  private readonly formatter: AccessLogFormatter;
  /** Drawn, not yet formatted, in order. */
  private pending: LoggedOp[] = [];
  private next = 0;
  private slice: NodeJS.Immediate | null = null;

  constructor(
    dir: string,
    private readonly rng: Rng,
    private readonly nodeIds: readonly string[],
    private readonly users: readonly DemoUser[],
  ) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, 'atlassian-bitbucket-access.log');
    // A fresh log each start: the simulated clock starts again, so old lines would overlap new ones.
    this.fd = openSync(this.path, 'w');
    this.formatter = new AccessLogFormatter((text) => {
      this.buffered.push(text);
      this.bytes += text.length;
      if (this.bytes >= FLUSH_BYTES) this.flush();
    });
  }

  request(t: number, kind: CacheKind, repo: DemoRepo, protocol: 'http' | 'ssh', version: 1 | 2, hit: boolean | null, packBytes: number): void {
    const rng = this.rng;
    // Each branch's first operation starts at `t`: adding it writes the responses that ended by then.
    if (kind === 'refs') {
      this.add(this.op(t, 'refs', repo, protocol, version, hit, packBytes, true));
      if (rng.chance(FETCH_AFTER_POLL)) this.add(this.op(t + rng.int(50, 400), 'fetch', repo, protocol, version, null, packBytes, true));
      return;
    }
    this.add(this.op(t, rng.chance(SHALLOW_SHARE) ? 'shallow' : 'clone', repo, protocol, version, hit, packBytes, rng.chance(0.7)));
  }

  push(t: number, repo: DemoRepo): void {
    this.add(this.op(t, 'push', repo, this.rng.chance(0.5) ? 'http' : 'ssh', 2, null, 0, false));
  }

  /** Writes the lines formatted so far; lines still being formatted follow at a later flush or `close`. */
  flush(): void {
    if (this.buffered.length === 0) return;
    writeSync(this.fd, this.buffered.join(''));
    this.buffered = [];
    this.bytes = 0;
  }

  close(): void {
    this.format(Infinity);
    this.formatter.flush();
    this.flush();
    closeSync(this.fd);
  }

  private add(op: LoggedOp): void {
    this.pending.push(op);
    this.schedule();
  }

  private schedule(): void {
    this.slice ??= setImmediate(() => {
      this.slice = null;
      this.format(FORMAT_SLICE);
    });
  }

  /** Formats up to `max` pending operations, in order; the next slice is scheduled while some are left. */
  private format(max: number): void {
    const end = Math.min(this.pending.length, this.next + max);
    for (; this.next < end; this.next++) this.formatter.add(this.pending[this.next]!);
    if (this.next < this.pending.length) return this.schedule();
    this.pending = [];
    this.next = 0;
    if (this.slice) clearImmediate(this.slice);
    this.slice = null;
  }

  private op(
    t: number,
    kind: LoggedOp['kind'],
    repo: DemoRepo,
    protocol: 'http' | 'ssh',
    version: 1 | 2,
    hit: boolean | null,
    packBytes: number,
    ci: boolean,
  ): LoggedOp {
    const rng = this.rng;
    const user = ci ? rng.pick(CI_USERS) : this.users.length > 0 ? rng.pick(this.users).name : 'admin';
    return {
      start: t,
      durationMs: simulatedDuration(rng, kind, packBytes, hit),
      kind,
      hit,
      protocol,
      gitProtocol: version,
      projectKey: repo.project.key,
      slug: repo.slug,
      user,
      ip: ci
        ? `10.20.0.${rng.int(10, 40)}`
        : rng.chance(0.2)
          ? `2001:db8:1::${rng.int(1, 200).toString(16)}`
          : rng.chance(0.3)
            ? `192.168.${rng.int(1, 9)}.${rng.int(2, 250)}, 10.0.0.5`
            : `10.30.${rng.int(0, 15)}.${rng.int(2, 250)}`,
      nodeId: rng.pick(this.nodeIds),
      status: protocol === 'ssh' ? 0 : 200,
      bytesWritten: kind === 'refs' ? 2000 + rng.int(0, 20_000) : Math.round(packBytes / (kind === 'shallow' ? 8 : kind === 'fetch' ? 50 : 1)),
    };
  }
}

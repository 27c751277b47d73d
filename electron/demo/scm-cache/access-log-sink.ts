import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheKind } from '../../../shared/model/cache';
import type { DemoRepo, DemoUser } from '../catalog';
import type { Rng } from '../prng';
import { AccessLogFormatter, simulatedDuration, type LoggedOp } from './access-log-writer';
import type { TrafficObserver } from './traffic';

const FLUSH_BYTES = 64 * 1024;
/** CI servers poll refs and then fetch when something changed: this share of polls fetch. */
const FETCH_AFTER_POLL = 0.3;
const SHALLOW_SHARE = 0.35;
const CI_USERS = ['bamboo', 'jenkins-ci', 'renovate-bot'];

/**
 * The simulated primary's `atlassian-bitbucket-access.log`: every request of the SCM cache traffic
 * model as Bitbucket would log it, with the model's own cache hit or miss. It draws from its own
 * random stream, so turning the log on changes nothing in the model.
 */
export class DemoAccessLog implements TrafficObserver {
  readonly path: string;
  private readonly fd: number;
  private buffered: string[] = [];
  private bytes = 0;
  private readonly formatter: AccessLogFormatter;

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
    this.formatter.flush(t);
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

  /** Writes what is buffered, responses still open included (their end is in the log's future). */
  flush(): void {
    if (this.buffered.length === 0) return;
    writeSync(this.fd, this.buffered.join(''));
    this.buffered = [];
    this.bytes = 0;
  }

  close(): void {
    this.formatter.flush();
    this.flush();
    closeSync(this.fd);
  }

  private add(op: LoggedOp): void {
    this.formatter.add(op);
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

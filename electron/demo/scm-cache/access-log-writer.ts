import type { GitOpKind } from '../../../shared/model/access-log';
import type { Rng } from '../prng';

/** One git operation as the simulated primary logs it. */
export interface LoggedOp {
  start: number;
  durationMs: number;
  kind: GitOpKind;
  /** null: the operation bypassed the SCM cache (no `cache:` label). */
  hit: boolean | null;
  protocol: 'http' | 'ssh';
  gitProtocol: 1 | 2;
  projectKey: string;
  slug: string;
  user: string;
  ip: string;
  nodeId: string;
  status: number;
  bytesWritten: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2015-09-09 15:21:08,431`: the access log's timestamp (the demo's clock, written as UTC). */
export function logTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())},${pad(d.getUTCMilliseconds(), 3)}`;
}

/**
 * `logTime` with the date and time to the second kept from the last call: the traffic model logs
 * many operations within a simulated second, and the warm-up hour writes ≈ 80,000 lines at the
 * demo's first cache read (issue 13 item 7). Equal to `logTime` for every time (a property test).
 */
export function secondsCachedLogTime(): (ms: number) => string {
  let second = NaN;
  let prefix = '';
  return (ms) => {
    // Whole milliseconds as Date keeps them (it drops a fraction).
    const whole = Math.trunc(ms);
    const s = Math.floor(whole / 1000);
    if (s !== second) {
      second = s;
      prefix = logTime(s * 1000).slice(0, -4);
    }
    return `${prefix},${pad(whole - s * 1000, 3)}`;
  };
}

function action(op: LoggedOp): string {
  if (op.protocol === 'ssh') return `SSH - ${op.kind === 'push' ? 'git-receive-pack' : 'git-upload-pack'} '/${op.projectKey.toLowerCase()}/${op.slug}.git'`;
  const repo = `/scm/${op.projectKey}/${op.slug}.git`;
  if (op.kind === 'refs') return `"GET ${repo}/info/refs?service=git-upload-pack HTTP/1.1"`;
  return `"POST ${repo}/${op.kind === 'push' ? 'git-receive-pack' : 'git-upload-pack'} HTTP/1.1"`;
}

function labels(op: LoggedOp): string {
  const l: string[] = [];
  if (op.hit !== null) l.push(op.hit ? 'cache:hit' : 'cache:miss');
  if (op.kind === 'clone') l.push('clone');
  else if (op.kind === 'shallow') l.push('shallow', 'clone');
  else if (op.kind === 'fetch') l.push('fetch');
  else if (op.kind === 'push') l.push('push');
  else l.push('refs');
  if (op.gitProtocol === 2) l.push('protocol:2');
  if (op.protocol === 'ssh') l.push(`ssh:user:id:${(op.user.length * 7919) % 1000}`);
  return l.join(', ');
}

/**
 * The request (`i`) and response (`o`) lines of one operation in Bitbucket's access-log layout:
 * `ip | protocol | id | user | time | action | details | status | read | written | labels | ms | session |`.
 */
export function formatOp(op: LoggedOp, counter: number, concurrent: number, time: (ms: number) => string = logTime): [string, string] {
  const minute = Math.floor((op.start % 86_400_000) / 60_000);
  const id = `*${op.nodeId}x${minute}x${counter}x${concurrent}`;
  const proto = op.protocol === 'ssh' ? 'ssh' : 'https';
  const details = op.protocol === 'ssh' ? '"SSH-2.0-OpenSSH_9.6"' : '"-" "git/2.43.0"';
  const session = counter.toString(36);
  // Both lines share everything after the time: built once.
  const rest = ` | ${action(op)} | ${details} | `;
  const head = (io: string, at: number): string => `${op.ip} | ${proto} | ${io}${id} | ${op.user} | ${time(at)}${rest}`;
  return [
    `${head('i', op.start)}- | - | - | - | - | ${session} |`,
    `${head('o', op.start + op.durationMs)}${op.status} | 0 | ${op.bytesWritten} | ${labels(op)} | ${op.durationMs} | ${session} |`,
  ];
}

/** A simulated operation's duration: ref advertisements in tens of ms, clones by pack size (a miss builds the pack first). */
export function simulatedDuration(rng: Rng, kind: GitOpKind, packBytes: number, hit: boolean | null): number {
  const jitter = 0.6 + 0.8 * rng.next();
  if (kind === 'refs') return Math.round((hit ? 8 : 35) * jitter + 5);
  if (kind === 'push') return Math.round(400 + 3000 * jitter);
  const bytes = kind === 'shallow' ? packBytes / 8 : kind === 'fetch' ? packBytes / 50 : packBytes;
  const transfer = (bytes / 40_000_000) * 1000;
  const build = hit ? 0 : (bytes / 25_000_000) * 1000;
  return Math.round(60 + (transfer + build) * jitter);
}

/**
 * Writes operations as access-log lines in time order: a request line when it starts, its response
 * when it ends (held back until the log's clock passes that time), as a node's log would read.
 */
export class AccessLogFormatter {
  private counter = 0;
  private readonly open: Array<{ end: number; line: string }> = [];
  constructor(
    private readonly write: (text: string) => void,
    private readonly time: (ms: number) => string = secondsCachedLogTime(),
  ) {}

  add(op: LoggedOp): void {
    this.counter += 1;
    const [i, o] = formatOp(op, this.counter, this.open.length, this.time);
    this.flush(op.start);
    this.write(`${i}\n`);
    const end = op.start + op.durationMs;
    let at = this.open.length;
    while (at > 0 && this.open[at - 1]!.end > end) at--;
    this.open.splice(at, 0, { end, line: o });
  }

  /** Writes every response that ended by `now` (all of them without `now`). */
  flush(now = Infinity): void {
    let n = 0;
    while (n < this.open.length && this.open[n]!.end <= now) n++;
    if (n === 0) return;
    this.write(
      `${this.open
        .splice(0, n)
        .map((e) => e.line)
        .join('\n')}\n`,
    );
  }
}

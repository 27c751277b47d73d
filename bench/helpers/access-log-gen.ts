// A synthetic access log of a busy primary: git operations in the demo's own line format, between
// the REST and page requests that make up most lines of a real log.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { GIT_OP_KINDS } from '../../shared/model/access-log';
import { createRng } from '../../electron/demo/prng';
import { AccessLogFormatter, logTime, simulatedDuration } from '../../electron/demo/scm-cache/access-log-writer';

const PROJECTS = ['PLAT', 'WEB', 'MOB', 'DATA', 'OPS', '~alice'];
const REST = [
  'GET /rest/api/latest/projects/PLAT/repos?limit=25 HTTP/1.1',
  'GET /projects/WEB/repos/web-ui/browse HTTP/1.1',
  'GET /status HTTP/1.1',
  'POST /rest/build-status/1.0/commits/abc HTTP/1.1',
];

/** Writes about `targetBytes` of log to `path`; returns the number of lines. */
export async function generateAccessLog(path: string, targetBytes: number, seed = 7): Promise<number> {
  const rng = createRng(seed);
  const out = createWriteStream(path, { highWaterMark: 4 * 1024 * 1024 });
  let pending: string[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let lines = 0;
  const flushPending = async (): Promise<void> => {
    const text = pending.join('');
    pending = [];
    pendingBytes = 0;
    if (!out.write(text)) await once(out, 'drain');
  };
  const formatter = new AccessLogFormatter((text) => {
    pending.push(text);
    pendingBytes += text.length;
    bytes += text.length;
  });
  let t = Date.UTC(2026, 10, 2, 0, 0, 0);
  let counter = 0;
  while (bytes < targetBytes) {
    t += rng.int(1, 40);
    if (rng.chance(0.45)) {
      counter += 1;
      const session = counter.toString(36);
      const req = rng.pick(REST);
      const ip = `10.1.${rng.int(0, 20)}.${rng.int(1, 254)}`;
      const line = (io: string, at: number, tail: string): string =>
        `${ip} | https | ${io}*1NODE7x${Math.floor((at % 86_400_000) / 60_000)}x${counter}x3 | user${rng.int(1, 400)} | ${logTime(at)} | "${req}" | "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" | ${tail}${session} |\n`;
      const text = line('i', t, '- | - | - | - | - | ') + line('o', t + 12, `200 | 0 | 5231 | - | 12 | `);
      pending.push(text);
      pendingBytes += text.length;
      bytes += text.length;
      lines += 2;
    } else {
      const kind = GIT_OP_KINDS[rng.chance(0.6) ? 4 : rng.int(0, 3)]!;
      const hit = kind === 'fetch' || kind === 'push' ? null : rng.chance(0.7);
      const project = rng.pick(PROJECTS);
      const v6 = rng.chance(0.05);
      formatter.add({
        start: t,
        durationMs: simulatedDuration(rng, kind, rng.int(500_000, 50_000_000), hit),
        kind,
        hit,
        protocol: rng.chance(0.65) ? 'http' : 'ssh',
        gitProtocol: rng.chance(0.55) ? 2 : 1,
        projectKey: project,
        slug: `repo-${rng.int(1, 2000)}`,
        user: rng.chance(0.5) ? 'bamboo' : `user${rng.int(1, 400)}`,
        ip: v6 ? `2001:db8::${rng.int(1, 999)}` : rng.chance(0.1) ? `10.2.0.${rng.int(1, 50)}, 10.0.0.1` : `10.1.${rng.int(0, 20)}.${rng.int(1, 254)}`,
        nodeId: `1NODE${rng.int(1, 3)}`,
        status: 200,
        bytesWritten: rng.int(1000, 9_000_000),
      });
      formatter.flush(t);
      lines += 2;
    }
    if (pendingBytes > 1024 * 1024) await flushPending();
  }
  formatter.flush();
  await flushPending();
  out.end();
  await once(out, 'finish');
  return lines;
}

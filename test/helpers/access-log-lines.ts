// Access-log lines for the parallel-reading tests: many operations in flight, so request and
// response lines lie far apart and a cut between ranges splits pairs.
import type { Rng } from '../../electron/demo/prng';

const KINDS = ['cache:hit, clone', 'cache:miss, shallow clone, protocol:2', 'fetch', 'push', 'refs', 'cache:hit, refs', ''];
const time = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('.', ',').slice(0, 23);

/**
 * A log of git operations whose request and response lines lie far apart (many operations in
 * flight, some hours long), with REST lines, corrupt and truncated lines, requests never answered,
 * responses never asked, blank lines, ties in duration, and no newline at the end.
 */
export function generate(rng: Rng, operations: number): string {
  const lines: Array<[number, string]> = [];
  let t = Date.UTC(2026, 10, 2, 8);
  for (let i = 0; i < operations; i++) {
    t += rng.int(0, 3000);
    const ssh = rng.chance(0.3);
    const repo = `${rng.pick(['PLAT', 'web', '~bob'])}/repo-${rng.int(1, 40)}`;
    const action = ssh ? `SSH - git-upload-pack '/${repo}.git'` : `"POST /scm/${repo}.git/git-upload-pack HTTP/1.1"`;
    const id = `*N${rng.int(1, 3)}x${i}x${i}`;
    const user = `u${rng.int(1, 30)}`;
    const ip = rng.chance(0.1) ? `10.0.0.${rng.int(1, 9)}, 10.9.9.9` : `10.0.${rng.int(0, 3)}.${rng.int(1, 50)}`;
    // Round durations tie often; a few last hours.
    const ms = rng.chance(0.05) ? rng.int(1, 4) * 3_600_000 : rng.int(0, 20) * 500;
    const withDuration = rng.chance(0.8);
    const proto = ssh ? 'ssh' : 'https';
    if (!rng.chance(0.03)) lines.push([t, `${ip} | ${proto} | i${id}x1 | ${user} | ${time(t)} | ${action} | "" "" | - | - | - | - | - | s |`]);
    if (!rng.chance(0.03)) {
      const tail = withDuration ? `200 | 0 | 9 | ${rng.pick(KINDS)} | ${ms} | s |` : `200 | 0 | 9 | ${rng.pick(KINDS)} | s |`;
      lines.push([t + ms, `${ip} | ${proto} | o${id}x${rng.int(0, 5)} | ${user} | ${time(t + ms)} | ${action} | "" "" | ${tail}`]);
    }
    if (rng.chance(0.3))
      lines.push([t, `${ip} | https | i*N1x9x${i}x0 | ${user} | ${time(t)} | "GET /rest/api/latest/projects HTTP/1.1" | "" "" | - | - | - | - | - | s |`]);
    if (rng.chance(0.01))
      lines.push([
        t,
        rng.pick(['corrupt line', '', `${ip} | https | o${id}x0 | ${user} | ${time(t)} | "POST /scm/P/r.git/git-upload-pack HTTP/1.1" | 200 | 0`]),
      ]);
  }
  lines.sort((a, b) => a[0] - b[0]);
  return lines.map((l) => l[1]).join('\n');
}

// The SCM cache statistics of one primary at 50,000 repositories (issue 13): CPU to turn the
// ~6 MB body into totals and columns. Bound: the 100 ms of CPU per body. JSON.parse of the
// same bytes, and the reading before columns, are printed beside it for scale (not as the bound).
import { normaliseFeed } from '../electron/engine/cache/cache-feed';
import { scanFeed } from '../electron/engine/cache/feed-scan';
import { cacheFeedBody } from './helpers/cache-feed-gen';
import { median, report } from './helpers/report';
import { loadavg } from 'node:os';

const REPOSITORIES = 50_000;
const BOUND_MS = 100;
const RUNS = 9;

const buf = cacheFeedBody(REPOSITORIES);
const cpuMs = (f: () => unknown): number => {
  const a = process.cpuUsage();
  f();
  const d = process.cpuUsage(a);
  return (d.user + d.system) / 1000;
};
const scan: number[] = [];
const parse: number[] = [];
const before: number[] = [];
for (let i = 0; i < RUNS; i++) {
  scan.push(cpuMs(() => scanFeed(buf)));
  parse.push(cpuMs(() => JSON.parse(buf.toString('utf8'))));
  before.push(cpuMs(() => normaliseFeed(JSON.parse(buf.toString('utf8')))));
}
const load = loadavg()[0]!.toFixed(1);
process.stdout.write(`${REPOSITORIES} repositories, ${(buf.length / 1e6).toFixed(1)} MB body, median of ${RUNS}, load ${load}\n`);
process.stdout.write(`  JSON.parse alone ${median(parse).toFixed(0)} ms; parse + rows as before ${median(before).toFixed(0)} ms\n`);
report('cache statistics: bytes → totals + columns (CPU)', `${median(scan).toFixed(0)} ms`, `≤ ${BOUND_MS} ms`, median(scan) <= BOUND_MS);

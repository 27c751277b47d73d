// The engine's CPU per small GET (issue 13 goal 3): the client's whole path (limiter, exchange,
// body, JSON) against a loopback server in another process, so only the client's CPU is counted.
// A measuring tool, not part of `npm run bench`: it has no bound of its own.
// Rounds of 48 requests at once (the fleet-wide cap) over 10 origins, like a regular poll's round,
// each answer a small JSON body with its length announced, as the regular poll's are.
// `node --import tsx bench/exchange-cpu.ts [ROUNDS]`; prints the CPU per request, median of 5.
import { spawn } from 'node:child_process';
import { createBitbucketClient } from '../electron/engine/http/bitbucket-client';
import { DispatcherPool } from '../electron/engine/http/dispatchers';
import { HostLimiter } from '../electron/engine/scheduler/host-limiter';
import { median } from './helpers/report';

const ROUNDS = Number(process.argv[2] ?? 200);
const ORIGINS = 10;
const PER_ROUND = 48;
// Ten loopback servers in one child process; each answers the regular poll's small bodies.
const server = `
const http = require('node:http');
const body = JSON.stringify({ version: '9.4.22', buildNumber: '9004022', buildDate: '1700000000000', displayName: 'Bitbucket' });
let up = 0; const ports = [];
for (let i = 0; i < ${ORIGINS}; i++) {
  const s = http.createServer({ keepAliveTimeout: 60000 }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  s.listen(0, '127.0.0.1', () => { ports.push(s.address().port); if (++up === ${ORIGINS}) console.log(JSON.stringify(ports)); });
}`;
const child = spawn(process.execPath, ['-e', server], { stdio: ['ignore', 'pipe', 'inherit'] });
const ports = await new Promise<number[]>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()) as number[])));
const dispatchers = new DispatcherPool({ keepAliveMs: 30_000, connectionsPerOrigin: 6 });
const limiter = new HostLimiter({ concurrency: 6, budgetCapacity: 1e9, budgetPerSecond: 1e9 });
const clients = ports.map((p) =>
  createBitbucketClient({
    baseUrl: `http://127.0.0.1:${p}`,
    admin: { kind: 'basic', username: 'admin', password: 'secret' },
    timeoutMs: 5_000,
    dispatchers,
    limiter,
  }),
);
async function round(): Promise<void> {
  // One signal per origin and round, as each primary's poll has its own.
  const signals = clients.map(() => new AbortController().signal);
  await Promise.all(
    Array.from({ length: PER_ROUND }, (_, i) =>
      clients[i % ORIGINS]!.getJson(i % 5 === 0 ? '/rest/api/1.0/admin/cluster' : '/status', {
        auth: i % 5 === 0 ? 'admin' : 'none',
        signal: signals[i % ORIGINS]!,
      }),
    ),
  );
}
try {
  for (let i = 0; i < 50; i++) await round();
  const perRequestUs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) await round();
    const c = process.cpuUsage(c0);
    perRequestUs.push((c.user + c.system) / (ROUNDS * PER_ROUND));
  }
  process.stdout.write(`client CPU per request: ${perRequestUs.map((u) => u.toFixed(1)).join(', ')} µs; median ${median(perRequestUs).toFixed(1)} µs\n`);
} finally {
  await dispatchers.close();
  child.kill('SIGTERM');
}

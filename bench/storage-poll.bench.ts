// GlusterFS storage polls against the simulated cluster over real SSH (the demo runs in another
// process, so the figures are the engine's own): commands and wall time per poll with heal info on
// the cycle and off it, against the poll's critical path from each command's designed answer time
// (volume info, then the rest four at a time over one SSH connection, the locked ones one after
// another); and the parse time of the largest real capture.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fleetConfigSchema } from '../electron/engine/config/fleet-config-schema';
import { answerDelayMs } from '../electron/demo/storage/sim-cluster';
import { takesPoolLock } from '../electron/engine/storage/collect';
import { readHealInfo, readVolumeGet } from '../electron/engine/storage/gluster-parse';
import { parseCliOutput } from '../electron/engine/storage/gluster-xml';
import type { CommandResult, GlusterRunner } from '../electron/engine/storage/runner';
import { createSshRunner } from '../electron/engine/storage/ssh-runner';
import { StorageSourcePoller } from '../electron/engine/storage/storage-source';
import { openHistoryStore } from '../electron/engine/store/history-store';
import { median, report } from './helpers/report';
import { spawnDemo } from './helpers/spawn-demo';

const CYCLES = 8;
const CHANNELS = 4;

/** Records each command's duration, so the bound comes from what this poll actually ran. */
function timed(inner: GlusterRunner): GlusterRunner & { take(): Array<{ cmd: string; ms: number }> } {
  let log: Array<{ cmd: string; ms: number }> = [];
  return {
    transport: inner.transport,
    endpoint: inner.endpoint,
    close: () => inner.close(),
    async run(args, opts): Promise<CommandResult> {
      const t0 = performance.now();
      try {
        return await inner.run(args, opts);
      } finally {
        log.push({ cmd: args.filter((a) => !a.startsWith('--')).join(' '), ms: performance.now() - t0 });
      }
    },
    take() {
      const out = log;
      log = [];
      return out;
    },
  };
}

/**
 * The poll's lower bound from each command's designed answer time (the simulated cluster's
 * `answerDelayMs`, not a measured figure, which would hide the SSH exchange's own cost): volume
 * info first, then the others on four channels, where the commands under glusterd's lock (status,
 * status detail, quota) run one after another: info + max(the locked chain, the longest command,
 * the rest's sum / 4). No schedule over one connection with four channels can beat it.
 */
function criticalPath(commands: string[]): { bound: number; formula: string } {
  const info = commands.filter((c) => c === 'volume info').reduce((a, c) => a + answerDelayMs(c), 0);
  const rest = commands.filter((c) => c !== 'volume info').map((c) => ({ c, ms: answerDelayMs(c) }));
  const chain = rest.filter(({ c }) => takesPoolLock(c.split(' '))).reduce((a, { ms }) => a + ms, 0);
  const longest = Math.max(0, ...rest.map(({ ms }) => ms));
  const sum = rest.reduce((a, { ms }) => a + ms, 0);
  return {
    bound: info + Math.max(chain, longest, sum / CHANNELS),
    formula: `info ${info} + max(locked chain ${chain}, longest ${longest}, sum ${sum} / ${CHANNELS}) ms`,
  };
}

/** Each command's median time alone over SSH (shown beside the bound: the exchange's own cost). */
async function aloneMs(runner: GlusterRunner, commands: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const cmd of commands) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await runner.run(['--mode=script', '--xml', ...cmd.split(' ')], { timeoutMs: 30_000, signal: new AbortController().signal });
      times.push(performance.now() - t0);
    }
    out.push(median(times));
  }
  return out;
}

async function measure(
  poller: StorageSourcePoller,
  runner: ReturnType<typeof timed>,
  inner: GlusterRunner,
  heal: 'always' | 'never',
  label: string,
): Promise<void> {
  const walls: number[] = [];
  let log: Array<{ cmd: string; ms: number }> = [];
  for (let i = 0; i < CYCLES; i++) {
    runner.take();
    const t0 = performance.now();
    await poller.poll(new AbortController().signal, heal);
    walls.push(performance.now() - t0);
    log = runner.take();
  }
  const snap = poller.snapshot(Date.now());
  if (snap.status !== 'up') throw new Error(`the simulated cluster is not up: ${snap.statusMessage}`);
  const commands = log.map((l) => l.cmd);
  const { bound, formula } = criticalPath(commands);
  const wall = median(walls);
  const perCommand = median(await aloneMs(inner, commands));
  report(`${label}: commands per poll`, String(log.length), heal === 'always' ? '≤ 16' : '≤ 12', heal === 'always' ? log.length <= 16 : log.length <= 12);
  report(`${label}: one command alone over SSH, median`, `${perCommand.toFixed(0)} ms`, 'n/a', true);
  process.stdout.write(`  bound = ${formula} = ${bound.toFixed(0)} ms (each command's designed answer time)\n`);
  report(
    `${label}: wall (median of ${CYCLES}) / bound ${bound.toFixed(0)} ms`,
    `${(wall / bound).toFixed(2)} (${wall.toFixed(0)} ms)`,
    '≤ 1.3',
    wall / bound <= 1.3,
  );
}

const demo = await spawnDemo({ primaries: 1, reposPerPrimary: 10 });
try {
  const config = fleetConfigSchema.parse({ ...demo.config, primaries: [] });
  const source = config.storage[0];
  if (!source || !('ssh' in source.gluster)) throw new Error('the demo printed no SSH storage entry');
  const inner = createSshRunner(source.gluster.ssh);
  const runner = timed(inner);
  const store = openHistoryStore({ path: ':memory:' });
  const poller = new StorageSourcePoller(source, { runner, store, now: Date.now, pollIntervalSeconds: 15 });
  try {
    process.stdout.write(`simulated cluster over SSH (${runner.endpoint}): 3 volumes, 12 bricks, 3 servers; simulated heal info ≈ 250 ms per volume\n`);
    // Warm-up: the SSH handshake belongs to the first poll only.
    await poller.poll(new AbortController().signal, 'always');
    await measure(poller, runner, inner, 'always', 'poll with heal info');
    await measure(poller, runner, inner, 'never', 'poll without heal info');
  } finally {
    await runner.close();
    store.close();
  }
} finally {
  await demo.stop();
}

// Parse time of the largest captures: the biggest heal info (303 entries per brick) and volume get all.
const FIXTURES = fileURLToPath(new URL('../../shared/fixtures/gluster/', import.meta.url));
for (const [name, read] of [
  ['heal-info.bbshared.brick-down-pending.xml', readHealInfo],
  ['volume-get.bbshared.all.xml', readVolumeGet],
] as const) {
  let text: string;
  try {
    text = readFileSync(`${FIXTURES}${name}`, 'utf8');
  } catch (err) {
    process.stdout.write(`skipped parse timing of ${name}: ${(err as Error).message} (the fixtures live in ../shared beside the clone)\n`);
    continue;
  }
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    const o = parseCliOutput(text);
    if (o.kind !== 'ok') throw new Error(`${name}: ${o.kind}`);
    read(o.root);
    times.push(performance.now() - t0);
  }
  const ms = median(times.slice(50));
  report(`parse ${name} (${(text.length / 1024).toFixed(0)} KB), median`, `${ms.toFixed(2)} ms`, '≤ 10 ms', ms <= 10);
}

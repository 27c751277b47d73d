// History size: bytes written to history.db per poll per target, measured over a few poll cycles
// of the demo fleet (in another process), and the size that gives at 5 s polls over 30 days,
// computed from that (not waited for), beside the configured bound (history.maxSizeMB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { fleetConfigSchema } from '../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../electron/host/fleet-host';
import { report } from './helpers/report';
import { spawnDemo } from './helpers/spawn-demo';

const CYCLES = 20;
const POLL_SECONDS = 5;
const DAYS = 30;
const MB = 1024 * 1024;

const demo = await spawnDemo({});
const dir = mkdtempSync(join(tmpdir(), 'fs-bench-history-'));
const config = fleetConfigSchema.parse({ ...demo.config, pollIntervalSeconds: 3600 });
const host = await startFleetHost({ config, dataDir: dir, engine: { publishDelayMs: 0 }, warn: (m) => process.stderr.write(`${m}\n`) });
// A second connection reads what the engine wrote (WAL readers see committed data).
const db = new Database(join(dir, 'history.db'), { readonly: true });
const pragma = (name: string): number => Number((db.prepare(`PRAGMA ${name}`).raw(true).get() as unknown[])[0]);
/** Bytes the database holds: its pages less the free ones (what the size bound counts). */
const usedBytes = (): number => (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
const pollsByTarget = (): Map<string, number> =>
  new Map((db.prepare('SELECT target, COUNT(*) FROM polls GROUP BY target').raw(true).all() as Array<[string, number]>).map(([t, n]) => [t, Number(n)]));
const samplesByTarget = (): Map<string, number> =>
  new Map((db.prepare('SELECT target, COUNT(*) FROM samples GROUP BY target').raw(true).all() as Array<[string, number]>).map(([t, n]) => [t, Number(n)]));
const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

try {
  await host.engine.firstPoll();
  const targets = [...pollsByTarget().keys()].sort();
  const pollsBefore = total(pollsByTarget());
  const samplesBefore = samplesByTarget();
  const bytesBefore = usedBytes();
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const want = pollsBefore + cycle * targets.length;
    host.engine.pollNow();
    const deadline = Date.now() + 60_000;
    while (total(pollsByTarget()) < want && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }
  const polls = total(pollsByTarget()) - pollsBefore;
  const bytes = usedBytes() - bytesBefore;
  const perPollPerTarget = bytes / polls;

  process.stdout.write(`demo fleet: ${targets.length} targets recorded per cycle (${targets.join(', ')})\n`);
  process.stdout.write(`measured over ${CYCLES} cycles: ${polls} polls, ${(bytes / 1024).toFixed(1)} KiB written\n`);
  const samplesAfter = samplesByTarget();
  for (const t of targets) {
    const perPoll = ((samplesAfter.get(t) ?? 0) - (samplesBefore.get(t) ?? 0)) / CYCLES;
    process.stdout.write(`  ${t.padEnd(40)} ${perPoll.toFixed(0).padStart(5)} figures per poll\n`);
  }

  const pollsPerDay = 86_400 / POLL_SECONDS;
  const perDay = perPollPerTarget * targets.length * pollsPerDay;
  const thirtyDays = perDay * DAYS;
  const boundMB = config.history.maxSizeMB;
  const steady = Math.min(thirtyDays, boundMB * MB);
  const daysWithinBound = (boundMB * MB) / perDay;
  process.stdout.write(
    `formula: steady state = min(bytes/poll/target × targets × (86400 / ${POLL_SECONDS} s) × ${DAYS} days, history.maxSizeMB)\n` +
      `       = min(${perPollPerTarget.toFixed(0)} × ${targets.length} × ${pollsPerDay} × ${DAYS} = ${(thirtyDays / MB).toFixed(0)} MB, ${boundMB} MB)\n`,
  );
  const figure = (name: string, value: string): boolean => process.stdout.write(`${name.padEnd(52)} ${value.padStart(14)}   (measured)\n`);
  figure('history bytes per poll per target', `${perPollPerTarget.toFixed(0)} B`);
  figure('history per day, demo fleet at 5 s polls', `${(perDay / MB).toFixed(1)} MB`);
  report(`history over ${DAYS} days unpruned (computed)`, `${(thirtyDays / MB).toFixed(0)} MB`, `<= ${boundMB} MB`, thirtyDays <= boundMB * MB);
  report('steady-state history.db (size bound applied)', `${(steady / MB).toFixed(0)} MB`, `<= ${boundMB} MB`, steady <= boundMB * MB);
  report(
    `days of history within ${boundMB} MB`,
    `${daysWithinBound.toFixed(1)} d`,
    `>= ${config.history.retentionDays} d`,
    daysWithinBound >= config.history.retentionDays,
  );
} finally {
  db.close();
  await host.stop();
  await demo.stop();
  rmSync(dir, { recursive: true, force: true });
}

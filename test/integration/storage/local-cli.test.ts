import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageSource } from '../../../shared/model';
import { loadConfigFile } from '../../../electron/engine/config/load-config';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { createStorageArea } from '../../../electron/engine/storage/storage-area';
import { openHistoryStore } from '../../../electron/engine/store/history-store';
import { FIXTURES_DIR } from '../../unit/engine/storage/gluster-scenario';
import { waitFor } from '../../helpers/loopback-processes';

/**
 * `local: { command: PATH }` against an executable that is not gluster at all: a small shell
 * script that cats the real captures. Anything that prints gluster's XML works.
 */
let dir: string;

/** Writes a script answering gluster's arguments: `case` patterns to a fixture (or to a shell snippet). */
function script(name: string, cases: Array<[string, string]>): string {
  const body = cases.map(([pattern, action]) => `  ${pattern}) ${action.startsWith('!') ? action.slice(1) : `cat "${FIXTURES_DIR}${action}"`} ;;`).join('\n');
  const path = join(dir, name);
  writeFileSync(
    path,
    `#!/bin/sh\n# A stand-in for gluster: prints real GlusterFS 10.3 captures.\ncase "$*" in\n${body}\n  *) echo "no capture for: $*" >&2; exit 1 ;;\nesac\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

const HEALTHY: Array<[string, string]> = [
  ['*"volume info"*', 'volume-info.all.started.xml'],
  ['*"volume status all detail"*', 'volume-status-detail.all.all-up.xml'],
  ['*"volume status all"*', 'volume-status.all.all-up.xml'],
  ['*"peer status"*', 'peer-status.single-node.xml'],
  ['*"volume get all all"*', 'volume-get.all.all.xml'],
  ['*"volume get "*" all"*', 'volume-get.bbshared.all.xml'],
  // No sessions: gluster prints plain text even under --xml, and exits 2.
  ['*"geo-replication"*', `!cat "${FIXTURES_DIR}georep-status.none.xml"; exit 2`],
  ['*"heal bbshared info summary"*', 'heal-info-summary.bbshared.all-up.xml'],
  ['*"heal bbartifacts info summary"*', 'heal-info-summary.bbartifacts.after-restart.xml'],
  ['*"heal bbarbiter info summary"*', 'heal-info-summary.bbarbiter.all-up.xml'],
];

/** Whether a process has ended (gone, or a zombie nobody has reaped yet: Linux's /proc). */
function isGone(pid: number): boolean {
  const status = `/proc/${pid}/status`;
  return !existsSync(status) || /^State:\s+Z/m.test(readFileSync(status, 'utf8'));
}

/** The pids a script noted in `file`, one a line; none when it noted nothing. */
const notedPids = (file: string): number[] => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map(Number) : []);

/** Runs an engine with one storage source from a YAML config file and returns its first poll. */
async function firstPoll(yaml: string): Promise<{ source: StorageSource; engine: Engine }> {
  const configPath = join(dir, `fleet-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(configPath, yaml);
  const { config } = loadConfigFile(configPath);
  const engine = createEngine({ config, store: openHistoryStore({ path: ':memory:' }), areas: [createStorageArea()], publishDelayMs: 0 });
  await engine.firstPoll();
  return { source: engine.snapshot().storage[0]!, engine };
}

const configFor = (command: string, extra = ''): string => `pollIntervalSeconds: 3600
storage:
  - id: local-gluster
    name: Local gluster
    gluster: { local: { command: ${JSON.stringify(command)} } }
${extra}`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleetscope-local-gluster-'));
});
afterAll(() => {
  // A failed hang test must not leave its hour-long children behind.
  for (const pid of notedPids(join(dir, 'hang-pids'))) if (!isGone(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('a local command that prints gluster XML', () => {
  it('is polled like gluster itself: volumes, bricks, heal, quorum (a relative path resolves from the config file)', async () => {
    const path = script('fake-gluster', HEALTHY);
    const { source, engine } = await firstPoll(configFor(`./${path.split('/').at(-1)}`));
    try {
      expect(source).toMatchObject({ status: 'up', transport: 'local', endpoint: path, lastError: null, commandsLastPoll: 13 });
      expect(source.volumes.map((v) => [v.name, v.type, v.state, v.status])).toEqual([
        ['bbarbiter', 'Replicate', 'Started', 'up'],
        ['bbartifacts', 'Distributed-Replicate', 'Started', 'up'],
        ['bbscratch', 'Distribute', 'Created', 'down'],
        ['bbshared', 'Replicate', 'Started', 'up'],
      ]);
      const artifacts = source.volumes[1]!;
      expect(artifacts.replicaSets.map((s) => [s.name, s.up, s.quorum])).toEqual([
        ['bbartifacts-replicate-0', 3, 'met'],
        ['bbartifacts-replicate-1', 3, 'met'],
      ]);
      expect(artifacts.bricks[0]).toMatchObject({ name: 'vm:/tmp/gluster-bricks/dr/b1', status: 'up', fsName: 'ext4' });
      expect(artifacts.heal).toMatchObject({ applicable: true, pending: 0, splitBrain: 0 });
      expect(source.geoReplication).toEqual([]);
      expect(source.peers).toEqual([]);
      // One poll: nothing has held for two polls yet, so a healthy volume already reads ok and the
      // not-started one waits to be confirmed.
      expect(source.volumes.map((v) => v.verdict)).toEqual(['ok', 'ok', 'ok', 'ok']);
    } finally {
      await engine.stop();
    }
  });

  it('glusterd down: the source is down and says to start glusterd', async () => {
    const path = script('glusterd-down-gluster', [['*', `!cat "${FIXTURES_DIR}cli-error.glusterd-down.volume-status.xml"; exit 1`]]);
    const { source, engine } = await firstPoll(configFor(path));
    await engine.stop();
    expect(source.status).toBe('down');
    expect(source.lastError).toMatchObject({ code: 'refused' });
    expect(source.statusMessage).toMatch(/glusterd on .* is not answering .*Start it/);
    expect(source.volumes).toEqual([]);
  });

  it('truncated XML: unknown, and says the output was cut off', async () => {
    const path = script('truncated-gluster', [['*', `!head -c 700 "${FIXTURES_DIR}volume-info.all.started.xml"`]]);
    const { source, engine } = await firstPoll(configFor(path));
    await engine.stop();
    expect(source.status).toBe('unknown');
    expect(source.lastError).toMatchObject({ code: 'malformed' });
    expect(source.statusMessage).toMatch(/broken XML .*cut off/);
  });

  it('opRet -1 (rc 0): unknown, with gluster’s own error text', async () => {
    const path = script('op-failed-gluster', [['*', 'snapshot-list.none.xml']]);
    const { source, engine } = await firstPoll(configFor(path));
    await engine.stop();
    expect(source.status).toBe('unknown');
    expect(source.statusMessage).toMatch(/`volume info` failed on .*LVM commands not found/);
  });

  it('a part that fails leaves its volume unknown, never ok', async () => {
    const cases = HEALTHY.map(([p, a]): [string, string] => [p, p.includes('heal bbshared') ? 'heal-info.bbscratch.not-replicated.xml' : a]);
    const { source, engine } = await firstPoll(configFor(script('heal-fails-gluster', cases)));
    await engine.stop();
    const shared = source.volumes.find((v) => v.name === 'bbshared')!;
    expect(shared.verdict).toBe('unknown');
    expect(shared.verdictReason).toMatch(/Heal state unknown: .*Not able to fetch volfile/);
    expect(source.status).toBe('unknown');
  });

  it('a command that hangs is stopped after commandTimeoutSeconds, with what it started', async () => {
    // Each call starts a child that outlives any test (as gluster starts glfsheal) and notes its pid.
    const pids = join(dir, 'hang-pids');
    const path = script('hangs-gluster', [['*', `!sleep 3600 & echo $! >> "${pids}"; wait; echo never`]]);
    const { source, engine } = await firstPoll(configFor(path, '    commandTimeoutSeconds: 1\n'));
    await engine.stop();
    expect(source.status).toBe('unknown');
    expect(source.lastError).toMatchObject({ code: 'timeout' });
    expect(source.statusMessage).toMatch(/did not finish within 1\.0 s/);
    // Stopped, not only given up on: every child it started dies. No wall-time bound (a loaded machine
    // delays the kill's effect, not its outcome): a child left running never dies within the hour.
    const started = notedPids(pids);
    expect(started.length).toBeGreaterThan(0);
    await waitFor(async () => started.every(isGone), 20_000, `children of the hung command still running: ${started.filter((p) => !isGone(p)).join(', ')}`);
  });

  it('a command that does not exist says how to fix it', async () => {
    const { source, engine } = await firstPoll(configFor(join(dir, 'no-such-gluster')));
    await engine.stop();
    expect(source.lastError).toMatchObject({ code: 'not-available' });
    expect(source.statusMessage).toMatch(/was not found on this machine.*local\.command/);
  });
});

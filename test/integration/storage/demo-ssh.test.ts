import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageSource, Volume } from '../../../shared/model';
import type { DemoFault } from '../../../shared/model/demo';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { DEMO_STORAGE_ID } from '../../../electron/demo/storage/extension';
import { fleetConfigSchema, type FleetConfig } from '../../../electron/engine/config/fleet-config-schema';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { createStorageArea } from '../../../electron/engine/storage/storage-area';
import { openHistoryStore } from '../../../electron/engine/store/history-store';
import { generateKeyPair } from '../../../electron/demo/storage/keys';
import { pastMillisecond } from '../../helpers/past-millisecond';

/** The engine against the simulated cluster, through the same SSH code it uses for a real one. */
let fleet: DemoFleet;
let config: FleetConfig;
let engine: Engine;
let scratch: string;

/**
 * Simulated time at speed 20 from the real clock, which a test can hold and step by hand: the heal
 * backlog's curve is then sampled at fixed simulated steps, however long a poll takes on a loaded
 * machine (at speed 20 a 2 s poll skipped the whole 45 s rise).
 */
const clock = (() => {
  const speed = 20;
  const realStart = performance.now();
  const simStart = Date.now();
  let offset = 0;
  let held: number | null = null;
  const running = (): number => simStart + (performance.now() - realStart) * speed + offset;
  return {
    speed,
    now: (): number => held ?? running(),
    hold: (): void => void (held = running()),
    step: (ms: number): void => void (held = (held ?? running()) + ms),
    release: (): void => {
      if (held !== null) offset += held - running();
      held = null;
    },
  };
})();

const storageOf = (e: Engine): StorageSource => e.snapshot().storage[0]!;
const volume = (s: StorageSource, name: string): Volume => s.volumes.find((v) => v.name === name)!;

/** Asks for a poll and waits for the snapshot that has it. */
async function poll(e: Engine = engine): Promise<StorageSource> {
  const before = storageOf(e).lastPollAt ?? 0;
  await pastMillisecond(before);
  return new Promise((resolve) => {
    const off = e.onSnapshot((s) => {
      const src = s.storage[0]!;
      if ((src.lastPollAt ?? 0) > before) {
        off();
        resolve(src);
      }
    });
    e.pollNow(DEMO_STORAGE_ID);
  });
}

/** Switches a fault through the demo's control API, which answers once the fault is in place. */
async function fault(f: DemoFault, enabled: boolean): Promise<void> {
  const res = await fetch(`${fleet.controlUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ targetId: DEMO_STORAGE_ID, fault: f, enabled }),
  });
  if (res.status !== 200) throw new Error(`POST /faults: ${res.status} ${await res.text()}`);
}

function startEngine(cfg: FleetConfig): Engine {
  return createEngine({ config: cfg, store: openHistoryStore({ path: ':memory:' }), areas: [createStorageArea()], publishDelayMs: 0 });
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'fleetscope-demo-ssh-'));
  fleet = await startDemoFleet({ reposPerPrimary: 10, clock });
  config = fleetConfigSchema.parse({ ...demoFleetConfig(fleet, { pollIntervalSeconds: 3600 }), primaries: [] });
  engine = startEngine(config);
  await engine.firstPoll();
});
afterAll(async () => {
  await engine?.stop();
  await fleet?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the simulated GlusterFS cluster over SSH', () => {
  it('shows the replica-3 shared home, the 2 × 3 artifacts volume and the arbiter volume, healthy', async () => {
    const s = await poll();
    expect(s).toMatchObject({ id: DEMO_STORAGE_ID, status: 'up', transport: 'ssh', lastError: null, opVersion: 100000 });
    expect(s.endpoint).toMatch(/^root@127\.0\.0\.1:\d+$/);
    expect(s.volumes.map((v) => [v.name, v.type, v.brickCount, v.replicaSets.length, v.arbiterCount, v.verdict])).toEqual([
      ['bbshared', 'Replicate', 3, 1, 0, 'ok'],
      ['bbartifacts', 'Distributed-Replicate', 6, 2, 0, 'ok'],
      ['bbarbiter', 'Replicate', 3, 1, 1, 'ok'],
    ]);
    expect(s.peers!.map((p) => [p.hostname, p.connected, p.stateStr])).toEqual([
      ['gluster2', true, 'Peer in Cluster'],
      ['gluster3', true, 'Peer in Cluster'],
    ]);
    expect(s.geoReplication!.map((g) => [g.primaryVolume, g.secondary, g.status, g.pairs.map((p) => p.status)])).toEqual([
      ['bbshared', 'dr-gluster1::bbshared-dr', 'Active', ['Active', 'Passive', 'Passive']],
    ]);
    const shared = volume(s, 'bbshared');
    expect(shared.quota!.map((q) => q.path)).toEqual(['/', '/data/attachments']);
    expect(shared.daemons.map((d) => `${d.name}@${d.host}`)).toEqual([
      'Self-heal Daemon@localhost',
      'Self-heal Daemon@gluster2',
      'Self-heal Daemon@gluster3',
      'Quota Daemon@localhost',
      'Quota Daemon@gluster2',
      'Quota Daemon@gluster3',
    ]);
    expect(shared.bricks.every((b) => b.usedPercent !== null && b.inodesFreePercent !== null && b.pid !== null)).toBe(true);
    expect(shared.heal).toMatchObject({ applicable: true, pending: 0, splitBrain: 0 });
    // volume info, status and status detail, peers, get all, geo-rep, get × 3, quota × 1, heal × 3.
    expect(s.commandsLastPoll).toBe(13);
  });

  it('brick down: degraded within two polls, and back to ok within two polls of the restart', async () => {
    const brick = 'gluster2:/data/glusterfs/bbshared/brick1';
    await fault({ kind: 'gluster-brick-down', volume: 'bbshared', brick }, true);
    let s = await poll();
    expect(volume(s, 'bbshared').bricks[1]).toMatchObject({ name: brick, status: 'down', pid: null, port: null });
    s = await poll();
    const v = volume(s, 'bbshared');
    expect(v.verdict).toBe('degraded');
    expect(v.status).toBe('degraded');
    expect(v.findings.map((f) => `${f.rule}:${f.state}`)).toContain('brick-down:raised');
    expect(s.status).toBe('degraded');
    expect(engine.snapshot().alerts.map((a) => a.title)).toContain(`Demo GlusterFS: Brick ${brick} is down`);

    await fault({ kind: 'gluster-brick-down', volume: 'bbshared', brick }, false);
    await poll();
    s = await poll();
    expect(volume(s, 'bbshared').bricks[1]!.status).toBe('up');
    expect(volume(s, 'bbshared').findings.filter((f) => f.rule === 'brick-down')).toEqual([]);
    expect(['ok', 'degraded']).toContain(volume(s, 'bbshared').verdict); // the writes it missed may still be healing
  });

  it('split-brain: critical within two polls with the entries listed; resolved, it clears', async () => {
    await fault({ kind: 'gluster-split-brain', volume: 'bbartifacts' }, true);
    await poll();
    const s = await poll();
    const v = volume(s, 'bbartifacts');
    expect(v.verdict).toBe('critical');
    expect(v.heal.splitBrain).toBe(3);
    expect(v.heal.splitBrainEntries.map((e) => e.path)).toContain('/data/repositories/412/config');
    expect(v.heal.splitBrainEntries.some((e) => e.path.startsWith('<gfid:'))).toBe(true);
    await fault({ kind: 'gluster-split-brain', volume: 'bbartifacts' }, false);
    await poll();
    expect(volume(await poll(), 'bbartifacts').verdict).toBe('ok');
  });

  it('disk nearly full, inodes nearly exhausted, a peer disconnected, geo-replication Faulty', async () => {
    await fault({ kind: 'gluster-disk-full', volume: 'bbarbiter' }, true);
    await fault({ kind: 'gluster-inodes-low', volume: 'bbarbiter' }, true);
    await fault({ kind: 'gluster-peer-disconnected', peer: 'gluster3' }, true);
    await fault({ kind: 'gluster-georep-faulty' }, true);
    await poll();
    const s = await poll();
    const raised = (v: Volume): string[] => v.findings.filter((f) => f.state === 'raised').map((f) => `${f.rule}:${f.severity}`);
    expect(raised(volume(s, 'bbarbiter'))).toEqual(expect.arrayContaining(['brick-capacity:critical', 'brick-inodes:critical', 'brick-down:warning']));
    expect(volume(s, 'bbarbiter').bricks[0]!.usedPercent).toBe(93);
    // gluster3's bricks vanish from volume status with it: down, and the finding says why (issue 11 item 5).
    expect(raised(volume(s, 'bbshared'))).toEqual(expect.arrayContaining(['georep-faulty:critical', 'brick-down:warning']));
    expect(volume(s, 'bbshared').findings.find((f) => f.rule === 'brick-down')!.title).toMatch(/^gluster3 is disconnected, so its brick gluster3:\S+ is down$/);
    expect(s.findings.map((f) => `${f.rule}:${f.severity}:${f.state}`)).toEqual(['peer-disconnected:warning:raised']);
    // The missing server's daemons are not reported as a separate problem: its bricks already are.
    expect(raised(volume(s, 'bbshared'))).not.toContain('self-heal-daemon:warning');
    for (const f of [
      { kind: 'gluster-disk-full', volume: 'bbarbiter' },
      { kind: 'gluster-inodes-low', volume: 'bbarbiter' },
      { kind: 'gluster-peer-disconnected', peer: 'gluster3' },
      { kind: 'gluster-georep-faulty' },
    ] as const) {
      await fault(f, false);
    }
    await poll();
    const after = await poll();
    expect(after.volumes.map((v) => v.verdict)).toEqual(['ok', 'ok', 'ok']);
  });

  it('a whole node lost (glusterd and bricks): its bricks are down and say why; two nodes lost lose client quorum', async () => {
    await fault({ kind: 'gluster-node-down', peer: 'gluster3' }, true);
    await poll();
    let s = await poll();
    expect(s.peers!.find((p) => p.hostname === 'gluster3')!.connected).toBe(false);
    const shared = volume(s, 'bbshared');
    const lost = shared.bricks.filter((b) => b.host === 'gluster3');
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((b) => b.status === 'down' && b.downBecause === 'gluster3 is disconnected' && b.heal?.connected === false)).toBe(true);
    expect(shared.verdict).toBe('degraded');
    expect(shared.findings.filter((f) => f.state === 'raised').map((f) => f.title)).toContain(
      `gluster3 is disconnected, so its brick ${lost[0]!.name} is down`,
    );
    expect(engine.snapshot().storage[0]!.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['peer-disconnected:warning']);

    await fault({ kind: 'gluster-node-down', peer: 'gluster2' }, true);
    await poll();
    s = await poll();
    const both = volume(s, 'bbshared');
    expect(both.replicaSets[0]).toMatchObject({ up: 1, down: 2, quorum: 'lost' });
    expect(both.verdict).toBe('critical');
    expect(both.findings.map((f) => `${f.rule}:${f.severity}`)).toContain('client-quorum-lost:critical');

    for (const peer of ['gluster2', 'gluster3']) await fault({ kind: 'gluster-node-down', peer }, false);
    await poll();
    s = await poll();
    expect(volume(s, 'bbshared').bricks.every((b) => b.status === 'up')).toBe(true);
    expect(s.peers!.every((p) => p.connected)).toBe(true);
  });

  it('the heal backlog rises, then drains', async () => {
    clock.hold();
    try {
      await fault({ kind: 'gluster-heal-backlog', volume: 'bbshared' }, true);
      const seen: number[] = [];
      const trends = new Set<string>();
      // 45 simulated seconds of rise and 60 of drain, sampled every 5 simulated seconds.
      for (let i = 0; i < 40; i += 1) {
        const v = volume(await poll(), 'bbshared');
        seen.push(v.heal.pending ?? -1);
        trends.add(v.heal.trend);
        if (seen.length > 3 && seen.at(-1) === 0 && Math.max(...seen) > 0) break;
        clock.step(5_000);
      }
      const peak = seen.indexOf(Math.max(...seen));
      expect(Math.max(...seen)).toBeGreaterThan(100);
      expect(peak).toBeGreaterThan(0);
      expect(seen.at(-1)).toBe(0);
      expect(trends).toContain('rising');
      expect(trends).toContain('falling');
      expect(engine.history(DEMO_STORAGE_ID, 'heal.pending:bbshared', 3600, 1000).length).toBeGreaterThan(3);
    } finally {
      await fault({ kind: 'gluster-heal-backlog', volume: 'bbshared' }, false);
      clock.release();
    }
  });

  it('glusterd down: the source turns down at once, volumes unknown with the last good data kept', async () => {
    await fault({ kind: 'gluster-glusterd-down' }, true);
    const s = await poll();
    expect(s.status).toBe('down');
    expect(s.stale).toBe(true);
    expect(s.lastError!.message).toMatch(/glusterd .* is not answering/);
    expect(s.volumes.map((v) => v.verdict)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(volume(s, 'bbartifacts').bricks).toHaveLength(6);
    await fault({ kind: 'gluster-glusterd-down' }, false);
    expect((await poll()).status).toBe('up');
  });
});

describe('SSH that cannot be trusted or reached', () => {
  const sshEntry = () => (config.storage[0]!.gluster as { ssh: Record<string, unknown> }).ssh;
  const withSsh = (over: Record<string, unknown>): FleetConfig =>
    fleetConfigSchema.parse({ pollIntervalSeconds: 3600, storage: [{ ...config.storage[0], gluster: { ssh: { ...sshEntry(), ...over } } }] });
  const firstPollOf = async (cfg: FleetConfig): Promise<StorageSource> => {
    const e = startEngine(cfg);
    try {
      await e.firstPoll();
      return storageOf(e);
    } finally {
      await e.stop();
    }
  };
  const file = (name: string, text: string): string => {
    const p = join(scratch, name);
    writeFileSync(p, text, { mode: 0o600 });
    return p;
  };

  it('refuses a host key that does not match known_hosts, and says so', async () => {
    const other = generateKeyPair().public.split(' ').slice(0, 2).join(' ');
    const known = readFileSync(sshEntry()['knownHostsFile'] as string, 'utf8').split(' ')[0];
    const s = await firstPollOf(withSsh({ knownHostsFile: file('kh-mismatch', `${known} ${other}\n`) }));
    expect(s.status).toBe('unknown');
    expect(s.lastError).toMatchObject({ code: 'tls' });
    expect(s.statusMessage).toMatch(/its SSH host key \(ssh-ed25519 SHA256:\S+\) does not match the one in .*kh-mismatch.*intercepting/);
    expect(s.volumes).toEqual([]);
  });

  it('refuses a host that is not in known_hosts (no trust on first use)', async () => {
    const s = await firstPollOf(withSsh({ knownHostsFile: file('kh-empty', '# nothing yet\n') }));
    expect(s.lastError).toMatchObject({ code: 'tls' });
    expect(s.statusMessage).toMatch(/is not in .*kh-empty.*never trusts a key on first use.*ssh-keyscan/);
  });

  it('refused connections: down', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const s = await firstPollOf(withSsh({ port }));
    expect(s.status).toBe('down');
    expect(s.lastError).toMatchObject({ code: 'refused' });
    expect(s.statusMessage).toMatch(/SSH connection to 127\.0\.0\.1:\d+ was refused/);
  });

  it('a key the server does not accept: auth, naming the user and the key', async () => {
    const key = file('other-key', generateKeyPair().private);
    const s = await firstPollOf(withSsh({ privateKeyFile: key }));
    expect(s.lastError).toMatchObject({ code: 'auth' });
    expect(s.statusMessage).toMatch(/refused the key .*other-key for user root.*authorized_keys/);
  });
});

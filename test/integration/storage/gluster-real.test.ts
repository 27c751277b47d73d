import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageSource, Volume } from '../../../shared/model';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { createStorageArea } from '../../../electron/engine/storage/storage-area';
import { openHistoryStore } from '../../../electron/engine/store/history-store';
import { missingPrerequisites, SPREAD_VOLUMES, startRealGluster, VOLUME, type RealGluster } from './real-gluster';
import { waitFor } from '../../helpers/loopback-processes';
import { pastMillisecond } from '../../helpers/past-millisecond';

/**
 * A real GlusterFS 10.3 with a replica-3 volume on loopback, polled through a real sshd on
 * 127.0.0.1 and through the local CLI. One brick is killed by its pid (brick down, volume
 * degraded), then restarted with `volume start VOL force` (recovery). A second glusterd on another
 * loopback address is a second server of the pool, holding bricks of two more replica-3 volumes;
 * stopping its glusterd and bricks loses that whole server (issue 11 item 5), and starting it again
 * brings it back.
 *
 * Needs root and Debian's glusterfs-server and openssh-server (scripts/ensure-system-deps.sh
 * installs them; .ci/run runs as root). FLEETSCOPE_SKIP_REAL_GLUSTER=1 skips it explicitly.
 */
const skip = process.env['FLEETSCOPE_SKIP_REAL_GLUSTER'] === '1';
const SOURCES = ['real-ssh', 'real-local'] as const;

let gluster: RealGluster | null = null;
let engine: Engine | null = null;

const source = (id: string): StorageSource => engine!.snapshot().storage.find((s) => s.id === id)!;
const fsreal = (id: string): Volume => source(id).volumes.find((v) => v.name === VOLUME)!;
const vol = (id: string, name: string): Volume => source(id).volumes.find((v) => v.name === name)!;

/** Polls one source now and waits for the snapshot that has its newer poll. */
async function pollOne(id: string): Promise<void> {
  const before = source(id).lastPollAt ?? 0;
  await pastMillisecond(before);
  await new Promise<void>((resolve) => {
    const off = engine!.onSnapshot((s) => {
      if ((s.storage.find((x) => x.id === id)!.lastPollAt ?? 0) > before) {
        off();
        resolve();
      }
    });
    engine!.pollNow(id);
  });
}

/**
 * Polls both sources, one after the other: two CLIs asking glusterd for cluster-wide state at once
 * contend for its transaction lock across the peers, which is not what this test is about.
 */
async function pollBoth(): Promise<void> {
  for (const id of SOURCES) await pollOne(id);
}

describe.skipIf(skip)('a real GlusterFS, over SSH and through the local CLI', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    const missing = missingPrerequisites();
    if (missing) throw new Error(missing);
    gluster = await startRealGluster((line) => process.stdout.write(`[real-gluster] ${line}\n`), { secondNode: true });
    const config = fleetConfigSchema.parse({
      pollIntervalSeconds: 3600,
      storage: [
        {
          id: 'real-ssh',
          name: 'Real GlusterFS over SSH',
          gluster: {
            ssh: { host: '127.0.0.1', port: gluster.sshPort, username: 'root', privateKeyFile: gluster.privateKeyFile, knownHostsFile: gluster.knownHostsFile },
          },
          expectedVolumes: [VOLUME, ...Object.values(SPREAD_VOLUMES)],
          healIntervalSeconds: 5,
        },
        {
          id: 'real-local',
          name: 'Real GlusterFS, local CLI',
          gluster: { local: { command: 'gluster' } },
          expectedVolumes: [VOLUME, ...Object.values(SPREAD_VOLUMES)],
          healIntervalSeconds: 5,
        },
      ],
    });
    engine = createEngine({ config, store: openHistoryStore({ path: ':memory:' }), areas: [createStorageArea()], publishDelayMs: 0 });
    await engine.firstPoll();
  }, 600_000);

  afterAll(async () => {
    await engine?.stop();
    await gluster?.stop();
  }, 300_000);

  it('polls the replica-3 volume both ways: three bricks up, quorum auto, nothing to heal, verdict ok', async () => {
    await pollBoth();
    for (const id of SOURCES) {
      const s = source(id);
      expect(s.lastError, `${id}: ${s.statusMessage}`).toBeNull();
      expect(s.status, `${id}: ${s.statusMessage}`).toBe('up');
      expect(s.transport).toBe(id === 'real-ssh' ? 'ssh' : 'local');
      expect(s.peers!.map((p) => [p.hostname, p.connected, p.stateStr])).toEqual([[gluster!.second!.address, true, 'Peer in Cluster']]);
      for (const name of Object.values(SPREAD_VOLUMES)) {
        expect(vol(id, name), `${id} ${name}`).toMatchObject({ verdict: 'ok', status: 'up' });
        expect(vol(id, name).bricks.map((b) => b.status)).toEqual(['up', 'up', 'up']);
      }
      expect(s.geoReplication).toEqual([]);
      expect(s.opVersion).toBeGreaterThan(0);
      const v = fsreal(id);
      expect(v).toMatchObject({ type: 'Replicate', state: 'Started', status: 'up', verdict: 'ok', replicaCount: 3 });
      expect(v.bricks.map((b) => [b.host, b.status])).toEqual([1, 2, 3].map(() => [gluster!.brickHost, 'up']));
      expect(v.bricks.every((b) => b.pid !== null && b.port !== null && (b.sizeTotal ?? 0) > 0 && (b.inodesTotal ?? 0) > 0)).toBe(true);
      expect(v.replicaSets).toEqual([expect.objectContaining({ name: `${VOLUME}-replicate-0`, up: 3, quorum: 'met' })]);
      expect(v.quorum.clientType).toBe('auto');
      expect(v.daemons.map((d) => [d.name, d.online])).toContainEqual(['Self-heal Daemon', true]);
      expect(v.heal).toMatchObject({ applicable: true, pending: 0, splitBrain: 0, error: null });
    }
  });

  it('a brick killed by its pid: brick down and the volume degraded, on both ways', async () => {
    const victim = fsreal('real-local').bricks[1]!;
    expect(victim.pid).not.toBeNull();
    process.kill(victim.pid!, 'SIGKILL');
    await pollBoth();
    for (const id of SOURCES) expect(fsreal(id).bricks[1]).toMatchObject({ name: victim.name, status: 'down', pid: null });
    await pollBoth();
    for (const id of SOURCES) {
      const v = fsreal(id);
      expect(v.verdict, `${id}: ${v.verdictReason}`).toBe('degraded');
      expect(v.status).toBe('degraded');
      expect(v.replicaSets[0]).toMatchObject({ up: 2, down: 1, quorum: 'met', status: 'degraded' });
      expect(v.findings.filter((f) => f.state === 'raised').map((f) => `${f.rule}:${f.severity}`)).toContain('brick-down:warning');
      expect(v.findings.find((f) => f.rule === 'brick-down')!.title).toBe(`Brick ${victim.name} is down`);
      expect(source(id).status).toBe('degraded');
    }
  });

  it('restarted with `volume start VOL force`: the brick is back and the volume recovers', async () => {
    const before = fsreal('real-local').bricks[1]!;
    await gluster!.cli('volume', 'start', VOLUME, 'force');
    // glusterd may answer a status with "another transaction is in progress" while the peer settles:
    // poll until both ways see the brick again (bounded), then two more polls to clear the finding.
    for (let i = 0; i < 20 && !SOURCES.every((id) => fsreal(id).bricks[1]?.status === 'up'); i += 1) await pollBoth();
    await pollBoth();
    await pollBoth();
    for (const id of SOURCES) {
      const v = fsreal(id);
      expect(v.bricks[1]).toMatchObject({ name: before.name, status: 'up' });
      expect(v.bricks[1]!.pid).not.toBeNull();
      expect(v.findings.map((f) => f.rule)).not.toContain('brick-down');
      expect(v.verdict, `${id}: ${v.verdictReason}`).toBe('ok');
      expect(v.status).toBe('up');
      expect(source(id).status, `${id}: ${source(id).statusMessage}`).toBe('up');
    }
  });

  it('a whole server lost (its glusterd and bricks stopped): its bricks are down and say why, client quorum follows', async () => {
    const second = gluster!.second!;
    await second.stop();
    // glusterd learns a peer is gone from its own connection to it, on its own schedule (seconds
    // later on a loaded machine): wait for that event, then the two polls that confirm the bricks down.
    // Set-up wait for an event that will come: generous for a loaded machine, not a verdict.
    await waitFor(
      () =>
        gluster!.cli('peer', 'status').then(
          (out) => /\(Disconnected\)/.test(out),
          // glusterd may refuse a status while it settles ("another transaction is in progress"): not yet.
          () => false,
        ),
      120_000,
      `the first glusterd did not report ${second.address} disconnected within 120 s`,
    );
    await pollBoth();
    await pollBoth();
    for (const id of SOURCES) {
      const s = source(id);
      expect(s.peers!.map((p) => [p.hostname, p.connected])).toEqual([[second.address, false]]);
      expect(s.findings.map((f) => `${f.rule}:${f.severity}:${f.state}`)).toContain('peer-disconnected:warning:raised');
      // [here, here, there]: one copy gone, quorum (auto, 2 of 3) kept.
      const one = vol(id, SPREAD_VOLUMES.oneThere);
      expect(one.bricks.map((b) => [b.status, b.downBecause ?? null])).toEqual([
        ['up', null],
        ['up', null],
        ['down', `${second.address} is disconnected`],
      ]);
      expect(one.replicaSets[0]).toMatchObject({ up: 2, down: 1, unknown: 0, quorum: 'met' });
      expect(one.verdict, `${id}: ${one.verdictReason}`).toBe('degraded');
      expect(one.findings.find((f) => f.rule === 'brick-down')!.title).toBe(`${second.address} is disconnected, so its brick ${one.bricks[2]!.name} is down`);
      // [here, there, there]: one brick left of three, below quorum: read-only, critical.
      const two = vol(id, SPREAD_VOLUMES.twoThere);
      expect(two.replicaSets[0]).toMatchObject({ up: 1, down: 2, quorum: 'lost', status: 'down' });
      expect(two.verdict, `${id}: ${two.verdictReason}`).toBe('critical');
      expect(two.findings.filter((f) => f.state === 'raised').map((f) => `${f.rule}:${f.severity}`)).toContain('client-quorum-lost:critical');
      // The volume on this server alone carries on.
      expect(fsreal(id).verdict).toBe('ok');
      expect(s.status).toBe('degraded');
    }
  });

  it('the server back: its glusterd restarts its bricks and every volume recovers', async () => {
    await gluster!.second!.start();
    for (let i = 0; i < 60; i += 1) {
      await pollBoth();
      const back = SOURCES.every((id) => Object.values(SPREAD_VOLUMES).every((n) => vol(id, n).bricks.every((b) => b.status === 'up')));
      if (back && SOURCES.every((id) => source(id).peers!.every((p) => p.connected))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await pollBoth();
    await pollBoth();
    for (const id of SOURCES) {
      for (const name of Object.values(SPREAD_VOLUMES)) {
        const v = vol(id, name);
        expect(
          v.bricks.map((b) => b.status),
          `${id} ${name}: ${v.verdictReason}`,
        ).toEqual(['up', 'up', 'up']);
        expect(v.findings.filter((f) => f.state === 'raised').map((f) => f.rule)).not.toContain('brick-down');
        expect(['ok', 'degraded']).toContain(v.verdict); // writes missed while away may still be healing
      }
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageSource, Volume } from '../../../shared/model';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { createStorageArea } from '../../../electron/engine/storage/storage-area';
import { openHistoryStore } from '../../../electron/engine/store/history-store';
import { missingPrerequisites, startRealGluster, VOLUME, type RealGluster } from './real-gluster';

/**
 * A real GlusterFS 10.3 with a replica-3 volume on loopback, polled through a real sshd on
 * 127.0.0.1 and through the local CLI. One brick is killed by its pid (brick down, volume
 * degraded), then restarted with `volume start VOL force` (recovery).
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

/** Polls both sources now and waits until both have a newer poll. */
async function pollBoth(): Promise<void> {
  const before = new Map(SOURCES.map((id) => [id, source(id).lastPollAt ?? 0]));
  await new Promise<void>((resolve) => {
    const off = engine!.onSnapshot((s) => {
      if (SOURCES.every((id) => (s.storage.find((x) => x.id === id)!.lastPollAt ?? 0) > before.get(id)!)) {
        off();
        resolve();
      }
    });
    for (const id of SOURCES) engine!.pollNow(id);
  });
}

describe.skipIf(skip)('a real GlusterFS, over SSH and through the local CLI', () => {
  beforeAll(async () => {
    const missing = missingPrerequisites();
    if (missing) throw new Error(missing);
    gluster = await startRealGluster((line) => process.stdout.write(`[real-gluster] ${line}\n`));
    const config = fleetConfigSchema.parse({
      pollIntervalSeconds: 3600,
      storage: [
        {
          id: 'real-ssh',
          name: 'Real GlusterFS over SSH',
          gluster: {
            ssh: { host: '127.0.0.1', port: gluster.sshPort, username: 'root', privateKeyFile: gluster.privateKeyFile, knownHostsFile: gluster.knownHostsFile },
          },
          expectedVolumes: [VOLUME],
          healIntervalSeconds: 5,
        },
        { id: 'real-local', name: 'Real GlusterFS, local CLI', gluster: { local: { command: 'gluster' } }, expectedVolumes: [VOLUME], healIntervalSeconds: 5 },
      ],
    });
    engine = createEngine({ config, store: openHistoryStore({ path: ':memory:' }), areas: [createStorageArea()], publishDelayMs: 0 });
    await engine.firstPoll();
  }, 180_000);

  afterAll(async () => {
    await engine?.stop();
    await gluster?.stop();
  }, 120_000);

  it('polls the replica-3 volume both ways: three bricks up, quorum auto, nothing to heal, verdict ok', async () => {
    await pollBoth();
    for (const id of SOURCES) {
      const s = source(id);
      expect(s.lastError, `${id}: ${s.statusMessage}`).toBeNull();
      expect(s.status).toBe('up');
      expect(s.transport).toBe(id === 'real-ssh' ? 'ssh' : 'local');
      expect(s.peers).toEqual([]);
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
    await pollBoth();
    await pollBoth();
    for (const id of SOURCES) {
      const v = fsreal(id);
      expect(v.bricks[1]).toMatchObject({ name: before.name, status: 'up' });
      expect(v.bricks[1]!.pid).not.toBeNull();
      expect(v.findings.map((f) => f.rule)).not.toContain('brick-down');
      expect(v.verdict, `${id}: ${v.verdictReason}`).toBe('ok');
      expect(v.status).toBe('up');
      expect(source(id).status).toBe('up');
    }
  });
});

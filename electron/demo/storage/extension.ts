import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoFault } from '../../../shared/model/demo';
import type { StorageDemoState } from '../../../shared/model/demo-storage';
import { storagePast } from './storage-past';
import type { DemoExtension, DemoExtensionContext } from '../extension';
import { createRng, deriveSeed } from '../prng';
import { SimCluster } from './sim-cluster';
import { generateKeyPair } from './keys';
import { GlusterSshServer, splitCommandLine } from './ssh-server';

/** The storage id of the simulated cluster in the fleet config: the `targetId` of its faults. */
export const DEMO_STORAGE_ID = 'gluster-demo';
const USERNAME = 'root';

const isStorageFault = (f: DemoFault): f is Extract<DemoFault, { kind: `gluster-${string}` }> => f.kind.startsWith('gluster-');

/**
 * The simulated GlusterFS cluster (issue #5): a real SSH server on loopback, its own throwaway
 * host and client keys in a temp folder it removes on stop, and a fleet config entry that points
 * the engine at it with a known_hosts file — the engine reaches it through the same SSH code it
 * uses for a real cluster.
 */
export function createStorageExtension(): DemoExtension {
  let cluster: SimCluster | null = null;
  let server: GlusterSshServer | null = null;
  let keyDir: string | null = null;
  let configEntry: Record<string, unknown> | null = null;

  const cleanup = async (): Promise<void> => {
    await server?.close();
    server = null;
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
    keyDir = null;
  };

  return {
    name: 'storage',
    async start(ctx: DemoExtensionContext) {
      const rng = createRng(deriveSeed(ctx.settings.seed, 'storage'));
      cluster = new SimCluster(DEMO_STORAGE_ID, 'Demo GlusterFS', rng, ctx.clock);
      const sim = cluster;
      const hostKey = generateKeyPair();
      const clientKey = generateKeyPair('fleetscope-demo');
      keyDir = mkdtempSync(join(tmpdir(), 'fleetscope-demo-gluster-'));
      const host = ['0.0.0.0', '::'].includes(ctx.settings.host) ? '127.0.0.1' : ctx.settings.host;
      try {
        server = new GlusterSshServer({
          host: ctx.settings.host,
          hostKey: hostKey.private,
          username: USERNAME,
          authorizedKey: clientKey.public,
          answer: (command) => {
            const words = splitCommandLine(command);
            if (words[0] !== 'gluster') return { stdout: '', stderr: `sh: 1: ${words[0] ?? ''}: not found\n`, code: 127, delayMs: 0 };
            return sim.answer(words.slice(1));
          },
        });
        await server.listen(ctx.nextPort());
        const port = server.port;
        const privateKeyFile = join(keyDir, 'id_ed25519');
        const knownHostsFile = join(keyDir, 'known_hosts');
        writeFileSync(privateKeyFile, clientKey.private, { mode: 0o600 });
        const hostLine = `${port === 22 ? host : `[${host}]:${port}`} ${hostKey.public.split(' ').slice(0, 2).join(' ')}`;
        writeFileSync(knownHostsFile, `${hostLine}\n`, { mode: 0o644 });
        configEntry = {
          id: DEMO_STORAGE_ID,
          name: 'Demo GlusterFS',
          gluster: { ssh: { host, port, username: USERNAME, privateKeyFile, knownHostsFile } },
          // The simulated heal info is cheap, so it is read more often than a real cluster's should be.
          healIntervalSeconds: 10,
          expectedVolumes: ['bbshared', 'bbartifacts'],
          // One GlusterFS cluster holds every simulated primary's shared home and artifacts.
          serves: ctx.primaries.flatMap((p) => [
            { primaryId: p.id, role: 'shared-home', volume: 'bbshared' },
            { primaryId: p.id, role: 'artifacts', volume: 'bbartifacts' },
          ]),
        };
      } catch (err) {
        await cleanup();
        throw err;
      }
    },
    async applyFault(targetId, fault, enabled) {
      if (!isStorageFault(fault)) return false;
      if (!cluster || targetId !== cluster.id) return false;
      cluster.applyFault(fault, enabled);
      return true;
    },
    state: (): StorageDemoState | undefined => (cluster ? { clusters: [cluster.state()] } : undefined),
    past: (span) => ({ polls: cluster ? storagePast(cluster, span) : [], events: [] }),
    config: () => (configEntry ? { storage: [configEntry] } : {}),
    stop: cleanup,
  };
}

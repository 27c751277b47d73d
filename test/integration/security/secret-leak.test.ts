import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import { openVault } from '../../../electron/main/secrets/vault';
import { primaryInputSchema } from '../../../shared/model';
import { fakeSafeStorage } from '../../helpers/fake-safe-storage';
import { pollAndWait } from '../../helpers/poll-and-wait';

let dataDir: string;
let fleet: DemoFleet;
const logs: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fs-leak-'));
  fleet = await startDemoFleet({ seed: 99 });
});
afterAll(async () => {
  await fleet.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('secrets stay secret', () => {
  it('after a session with polls, actions, a connection test and settings changes, the known secrets are nowhere in the data folder, logs, databases or config', async () => {
    const p = fleet.primaries[0]!;
    const secrets = [p.read.token, p.admin.password];
    const vault = await openVault({ file: join(dataDir, 'vault.json'), safeStorage: fakeSafeStorage(), platform: 'linux', acceptWeak: false });
    if (!vault.ok) throw new Error(vault.reason);
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        logs.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => void (stream.write = original);
    };
    const restore = [capture(process.stdout), capture(process.stderr)];
    const host = await startFleetHost({
      config: fleetConfigSchema.parse({ primaries: [] }),
      configPath: join(dataDir, 'fleet.yaml'),
      dataDir,
      secrets: vault.vault,
      warn: (m) => logs.push(m),
      engine: { publishDelayMs: 0 },
    });
    let snapshots = '';
    const off = host.on('snapshot', (s) => (snapshots += JSON.stringify(s)));
    try {
      const primary = primaryInputSchema.parse({
        id: 'prod',
        name: 'Prod',
        baseUrl: p.baseUrl,
        nodes: p.nodes,
        read: { kind: 'token', token: { value: p.read.token } },
        admin: { kind: 'basic', username: p.admin.username, password: { value: p.admin.password } },
      });
      expect((await host.handlers.testConnection({ primary })).ok).toBe(true);
      await host.handlers.savePrimary({ primary });
      for (let i = 0; i < 3; i++) expect((await pollAndWait(host, 'prod')).status).toBe('up');
      // Actions: one with the stored admin credential, one with a credential given for that action only.
      await expect(host.handlers.setCacheTtl({ primaryId: 'prod', cache: 'upload-pack', seconds: 7200 })).resolves.toMatchObject({ ok: true });
      await expect(host.handlers.clearCache({ primaryId: 'prod', admin: { username: p.admin.username, password: p.admin.password } })).resolves.toMatchObject({
        ok: true,
      });
      const { yaml } = await host.handlers.exportConfig({});
      const settings = JSON.stringify(await host.handlers.getSettings({}));
      const audit = JSON.stringify(await host.handlers.getAuditLog({ limit: 100 }));
      for (const s of secrets) {
        expect(yaml).not.toContain(s);
        expect(settings).not.toContain(s);
        expect(audit).not.toContain(s);
        expect(snapshots).not.toContain(s);
      }
    } finally {
      off();
      await host.stop();
      restore.forEach((r) => r());
    }
    const files = filesUnder(dataDir);
    expect(files.map((f) => f.slice(dataDir.length + 1)).sort()).toEqual(expect.arrayContaining(['audit.db', 'fleet.yaml', 'history.db', 'vault.json']));
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const s of secrets) {
        expect(bytes.includes(Buffer.from(s)), `${file} holds a secret`).toBe(false);
        expect(bytes.includes(Buffer.from(Buffer.from(s).toString('base64'))), `${file} holds a secret in base64`).toBe(false);
      }
    }
    expect(statSync(join(dataDir, 'vault.json')).mode & 0o777).toBe(0o600);
    const logText = logs.join('\n');
    for (const s of secrets) expect(logText).not.toContain(s);
  });
});

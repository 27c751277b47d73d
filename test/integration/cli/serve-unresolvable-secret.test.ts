import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/model';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const CONFIG = `pollIntervalSeconds: 60
primaries:
  - id: vaulted
    name: Vaulted
    baseUrl: http://127.0.0.1:1
    read: { token: "\${vault:primary.vaulted.read}" }
  - id: plain
    name: Plain
    baseUrl: http://127.0.0.1:1
storage:
  - id: shared-home
    name: Shared home
    gluster:
      ssh: { host: 127.0.0.1, port: 1, username: root, privateKeyFile: ./id, knownHostsFile: ./kh, passphrase: "\${env:FLEETSCOPE_TEST_UNSET_PASSPHRASE}" }
`;

describe('serve --config with a secret it cannot resolve', () => {
  it('starts, shows the error on that target only, and polls the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-unresolved-'));
    dirs.push(dir);
    const file = join(dir, 'fleet.yaml');
    writeFileSync(file, CONFIG);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/index.ts', 'serve', '--config', file, '--port', '0', '--data-dir', join(dir, 'data')],
      {
        env: { ...process.env, FLEETSCOPE_TOKEN: 'unresolved-secret-test-token' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Fleetscope ready at (http:\/\/[^/]+\/)/.exec(out);
          if (m) resolve(m[1]!);
        });
        void exited.then((code) => reject(new Error(`serve exited with ${code} before it was ready: ${stderr}`)));
      });
      const snapshot = async (): Promise<Snapshot> => {
        const r = await fetch(`${url}api/snapshot`, { headers: { authorization: 'Bearer unresolved-secret-test-token' } });
        return (await r.json()) as Snapshot;
      };
      let s = await snapshot();
      // The plain primary's first poll (connection refused) ends within a moment; the vaulted one is never polled.
      for (let i = 0; i < 100 && s.primaries.find((p) => p.id === 'plain')?.lastPollAt === null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        s = await snapshot();
      }
      const vaulted = s.primaries.find((p) => p.id === 'vaulted')!;
      expect(vaulted.status).toBe('unknown');
      expect(vaulted.statusMessage).toMatch(/primaries\.0\.read\.token refers to the desktop vault .*give it as \$\{env:NAME\}/);
      expect(vaulted.lastPollAt).toBeNull();
      const plain = s.primaries.find((p) => p.id === 'plain')!;
      expect(plain.lastPollAt).not.toBeNull();
      expect(plain.status).toBe('down');
      const storage = s.storage.find((t) => t.id === 'shared-home')!;
      expect(storage.status).toBe('unknown');
      expect(storage.statusMessage).toMatch(/FLEETSCOPE_TEST_UNSET_PASSPHRASE is not set/);
      expect(s.alerts.map((a) => a.title)).toEqual(expect.arrayContaining(['Vaulted is not polled', 'Shared home is not polled']));
      // Settings says the same, so the user sees what to fix where it is fixed.
      const settings = await fetch(`${url}api/getSettings`, {
        method: 'POST',
        headers: { authorization: 'Bearer unresolved-secret-test-token', 'content-type': 'application/json' },
        body: '{}',
      });
      const { warnings } = (await settings.json()) as { warnings: string[] };
      expect(warnings).toEqual(
        expect.arrayContaining([expect.stringMatching(/^vaulted is not polled: .*desktop vault/), expect.stringMatching(/^shared-home is not polled: /)]),
      );
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

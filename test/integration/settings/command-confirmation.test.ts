import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { CommandChange } from '../../../electron/engine/settings/settings-guards';

/**
 * The desktop changes a gluster command only after the person confirmed the exact command line in
 * main's native dialog (stood in for by `confirmCommand`); the renderer's confirmedCommand alone
 * is not enough, so a compromised renderer cannot skip it.
 */
let dir: string;
let configPath: string;
let gluster: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fs-confirm-'));
  configPath = join(dir, 'fleet.yaml');
  writeFileSync(configPath, 'pollIntervalSeconds: 3600\nprimaries: []\n');
  gluster = join(dir, 'my-gluster');
  writeFileSync(gluster, `#!/bin/sh\ntouch ${join(dir, 'ran')}\nexit 1\n`);
  chmodSync(gluster, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const source = () => ({ id: 'local', name: 'Local', gluster: { local: { command: `${gluster} --mode=script` } } });

async function desktop(answer: boolean) {
  const asked: CommandChange[] = [];
  const confirmCommand = vi.fn(async (c: CommandChange) => {
    asked.push(c);
    return answer;
  });
  const host = await startFleetHost({ configPath, dataDir: ':memory:', shell: 'desktop', confirmCommand, engine: { publishDelayMs: 0 } });
  return { host, asked };
}

describe('desktop: a gluster command change needs the native confirmation', () => {
  it('with the exact line confirmed in the renderer and in the dialog, the source is saved and its command run', async () => {
    const { host, asked } = await desktop(true);
    try {
      const line = `${gluster} --mode=script`;
      const settings = await host.handlers.saveStorage({ source: source(), confirmedCommand: line });
      expect(asked).toEqual([{ sourceId: 'local', where: 'gluster.local.command', before: 'gluster', line }]);
      expect(settings.storage.map((s) => s.id)).toEqual(['local']);
      expect(readFileSync(configPath, 'utf8')).toContain(gluster);
      await host.engine.firstPoll();
      expect(existsSync(join(dir, 'ran'))).toBe(true);
    } finally {
      await host.stop();
    }
  });

  it('a renderer that sends the right confirmedCommand but whose person said no changes nothing and runs nothing', async () => {
    const { host, asked } = await desktop(false);
    try {
      const before = readFileSync(configPath, 'utf8');
      await expect(host.handlers.saveStorage({ source: source(), confirmedCommand: `${gluster} --mode=script` })).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(/was not confirmed, so nothing was saved/),
      });
      expect(asked).toHaveLength(1);
      expect(readFileSync(configPath, 'utf8')).toBe(before);
      await expect(
        host.handlers.importConfig({ yaml: `storage:\n  - { id: local, name: L, gluster: { local: { command: "${gluster}" } } }\n` }),
      ).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect(asked).toHaveLength(2);
      expect(readFileSync(configPath, 'utf8')).toBe(before);
      expect(existsSync(join(dir, 'ran'))).toBe(false);
    } finally {
      await host.stop();
    }
  });

  it('without confirmedCommand equal to the exact line the dialog is not even shown', async () => {
    const { host, asked } = await desktop(true);
    try {
      await expect(host.handlers.saveStorage({ source: source(), confirmedCommand: gluster })).rejects.toMatchObject({
        code: 'invalid-argument',
        message: expect.stringMatching(/Confirm that exact command line/),
      });
      expect(asked).toEqual([]);
    } finally {
      await host.stop();
    }
  });
});

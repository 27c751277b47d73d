import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVault } from '../../../electron/main/secrets/vault';
import { fakeSafeStorage } from '../../helpers/fake-safe-storage';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempFile = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'fs-vault-'));
  dirs.push(d);
  return join(d, 'vault.json');
};

describe('vault', () => {
  it('stores secrets encrypted in a 0600 file and reads them back after a restart', async () => {
    const file = tempFile();
    const safeStorage = fakeSafeStorage();
    const first = openVault({ file, safeStorage, platform: 'linux', acceptWeak: false });
    if (!first.ok) throw new Error(first.reason);
    await first.vault.set('primary.prod.admin', 'correct horse battery staple');
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = openVault({ file, safeStorage, platform: 'linux', acceptWeak: false });
    if (!again.ok) throw new Error(again.reason);
    expect(again.vault.get('primary.prod.admin')).toBe('correct horse battery staple');
    expect(again.vault.backend).toBe('gnome_libsecret');
    await again.vault.delete('primary.prod.admin');
    expect(again.vault.has('primary.prod.admin')).toBe(false);
  });

  it('refuses when encryption is unavailable, and refuses basic_text on Linux unless accepted', () => {
    expect(openVault({ file: tempFile(), safeStorage: fakeSafeStorage('x', false), platform: 'linux', acceptWeak: true })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no encryption/),
    });
    expect(openVault({ file: tempFile(), safeStorage: fakeSafeStorage('basic_text'), platform: 'linux', acceptWeak: false })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--accept-weak-vault/),
    });
    const accepted = openVault({ file: tempFile(), safeStorage: fakeSafeStorage('basic_text'), platform: 'linux', acceptWeak: true });
    expect(accepted.ok && accepted.vault.backend).toMatch(/weak/);
    expect(openVault({ file: tempFile(), safeStorage: fakeSafeStorage('basic_text'), platform: 'darwin', acceptWeak: false }).ok).toBe(true);
  });
});

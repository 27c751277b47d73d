import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVault, type SafeStorageLike } from '../../../electron/main/secrets/vault';

/** A safeStorage stand-in that really encrypts (AES-GCM with a per-test key), as the OS one would. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (buf) => {
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

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
    expect(openVault({ file: tempFile(), safeStorage: fakeSafeStorage('x', false), platform: 'linux', acceptWeak: true })).toMatchObject({ ok: false, reason: expect.stringMatching(/no encryption/) });
    expect(openVault({ file: tempFile(), safeStorage: fakeSafeStorage('basic_text'), platform: 'linux', acceptWeak: false })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--accept-weak-vault/),
    });
    const accepted = openVault({ file: tempFile(), safeStorage: fakeSafeStorage('basic_text'), platform: 'linux', acceptWeak: true });
    expect(accepted.ok && accepted.vault.backend).toMatch(/weak/);
    expect(openVault({ file: tempFile(), safeStorage: fakeSafeStorage('basic_text'), platform: 'darwin', acceptWeak: false }).ok).toBe(true);
  });
});

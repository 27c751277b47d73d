import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVault } from '../../../../electron/main/secrets/vault';
import { fakeSafeStorage } from '../../../helpers/fake-safe-storage';

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
    const first = await openVault({ file, safeStorage, platform: 'linux', acceptWeak: false });
    if (!first.ok) throw new Error(first.reason);
    await first.vault.set('primary.prod.admin', 'correct horse battery staple');
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await openVault({ file, safeStorage, platform: 'linux', acceptWeak: false });
    if (!again.ok) throw new Error(again.reason);
    expect(again.vault.get('primary.prod.admin')).toBe('correct horse battery staple');
    expect(again.vault.backend).toBe('gnome_libsecret');
    await again.vault.delete('primary.prod.admin');
    expect(again.vault.has('primary.prod.admin')).toBe(false);
  });

  describe('the backend matrix', () => {
    it('available keyring: opens, and never allows plain-text encryption', async () => {
      const safeStorage = fakeSafeStorage('gnome_libsecret');
      const outcome = await openVault({ file: tempFile(), safeStorage, platform: 'linux', acceptWeak: true });
      expect(outcome.ok && outcome.vault.backend).toBe('gnome_libsecret');
      expect(safeStorage.calls).not.toContain('setUsePlainTextEncryption(true)');
      const mac = await openVault({ file: tempFile(), safeStorage: fakeSafeStorage('unknown'), platform: 'darwin', acceptWeak: false });
      expect(mac.ok && mac.vault.backend).toBe('macOS Keychain');
    });

    it('basic_text without --accept-weak-vault: refused with the flag and the keyring named, before asking for availability', async () => {
      const safeStorage = fakeSafeStorage('basic_text');
      const outcome = await openVault({ file: tempFile(), safeStorage, platform: 'linux', acceptWeak: false });
      expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/No keyring \(GNOME Keyring, KWallet\).*--accept-weak-vault.*\$\{env:NAME\}/) });
      expect(safeStorage.calls).toEqual(['getSelectedStorageBackend']);
    });

    it('basic_text with --accept-weak-vault: plain-text encryption is allowed before the availability check, and the vault works', async () => {
      const file = tempFile();
      const safeStorage = fakeSafeStorage('basic_text');
      const outcome = await openVault({ file, safeStorage, platform: 'linux', acceptWeak: true });
      if (!outcome.ok) throw new Error(outcome.reason);
      expect(safeStorage.calls).toEqual(['getSelectedStorageBackend', 'setUsePlainTextEncryption(true)', 'isAsyncEncryptionAvailable']);
      expect(outcome.vault.backend).toMatch(/basic_text \(weak/);
      await outcome.vault.set('s', 'weak but accepted');
      expect(readFileSync(file, 'utf8')).not.toContain('weak but accepted');
    });

    it('unavailable: a message per platform that says what to do', async () => {
      const linux = await openVault({ file: tempFile(), safeStorage: fakeSafeStorage('kwallet6', false), platform: 'linux', acceptWeak: true });
      expect(linux).toMatchObject({ ok: false, reason: expect.stringMatching(/keyring \(kwallet6\) did not give Fleetscope a key: unlock it/) });
      const mac = await openVault({ file: tempFile(), safeStorage: fakeSafeStorage('unknown', false), platform: 'darwin', acceptWeak: false });
      expect(mac).toMatchObject({ ok: false, reason: expect.stringMatching(/macOS Keychain/) });
      const win = await openVault({ file: tempFile(), safeStorage: fakeSafeStorage('unknown', false), platform: 'win32', acceptWeak: false });
      expect(win).toMatchObject({ ok: false, reason: expect.stringMatching(/DPAPI/) });
      const early = await openVault({ file: tempFile(), safeStorage: fakeSafeStorage('unknown'), platform: 'linux', acceptWeak: false });
      expect(early).toMatchObject({ ok: false, reason: expect.stringMatching(/could not tell which keyring/) });
    });
  });

  it('an entry another keyring wrote is reported by name, not fatal', async () => {
    const file = tempFile();
    const theirs = await openVault({ file, safeStorage: fakeSafeStorage(), platform: 'linux', acceptWeak: false });
    if (!theirs.ok) throw new Error(theirs.reason);
    await theirs.vault.set('primary.prod.read', 'their secret');
    const ours = await openVault({ file, safeStorage: fakeSafeStorage(), platform: 'linux', acceptWeak: false });
    if (!ours.ok) throw new Error(ours.reason);
    expect(ours.vault.get('primary.prod.read')).toBeUndefined();
    expect(ours.vault.whyMissing?.('primary.prod.read')).toMatch(/"primary\.prod\.read" cannot be decrypted with this gnome_libsecret key/);
    await ours.vault.set('primary.prod.read', 'entered again');
    expect(ours.vault.get('primary.prod.read')).toBe('entered again');
    expect(ours.vault.whyMissing?.('primary.prod.read')).toBeUndefined();
  });
});

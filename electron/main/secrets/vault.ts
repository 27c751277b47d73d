import { existsSync, readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import type { SecretStore } from '../../engine/secrets/secret-store';

/** The part of Electron's safeStorage the vault uses; a fake in tests. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
  /** Linux only: which OS store protects the key (`basic_text` means none). */
  getSelectedStorageBackend?(): string;
}

export type VaultOutcome = { ok: true; vault: SecretStore } | { ok: false; reason: string };

interface VaultFile {
  version: 1;
  /** name → base64 of the ciphertext safeStorage made. */
  entries: Record<string, string>;
}

/**
 * The desktop's credential vault: each secret encrypted with safeStorage (the OS keychain's key),
 * kept in one JSON file of mode 0600, written atomically. Refuses when encryption is unavailable,
 * and on Linux when safeStorage would fall back to `basic_text` (a hard-coded key), unless the
 * user accepted that explicitly.
 */
export function openVault(opts: { file: string; safeStorage: SafeStorageLike; platform: NodeJS.Platform; acceptWeak: boolean }): VaultOutcome {
  const { safeStorage } = opts;
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      ok: false,
      reason: 'The operating system offers no encryption for stored secrets here, so Fleetscope keeps none: give secrets as ${env:NAME} references.',
    };
  }
  const backend =
    opts.platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : opts.platform === 'darwin' ? 'macOS Keychain' : 'Windows DPAPI';
  if (backend === 'basic_text' && !opts.acceptWeak) {
    return {
      ok: false,
      reason:
        'No keyring (GNOME Keyring, KWallet) is running, so secrets could only be stored with a hard-coded key. Fleetscope refuses that: start a keyring, use ${env:NAME} references, or start Fleetscope with --accept-weak-vault to store them anyway.',
    };
  }
  const entries = readEntries(opts.file);
  const save = (): Promise<void> =>
    writeFileAtomic(opts.file, `${JSON.stringify({ version: 1, entries } satisfies VaultFile, null, 2)}\n`, { mode: 0o600, fsync: true });
  return {
    ok: true,
    vault: {
      backend: backend === 'basic_text' ? 'basic_text (weak: accepted with --accept-weak-vault)' : backend,
      has: (name) => name in entries,
      get: (name) => {
        const cipher = entries[name];
        return cipher === undefined ? undefined : safeStorage.decryptString(Buffer.from(cipher, 'base64'));
      },
      set: async (name, value) => {
        entries[name] = safeStorage.encryptString(value).toString('base64');
        await save();
      },
      delete: async (name) => {
        if (!(name in entries)) return;
        delete entries[name];
        await save();
      },
    },
  };
}

function readEntries(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Partial<VaultFile>;
  if (doc.version !== 1 || typeof doc.entries !== 'object' || doc.entries === null) {
    throw new Error(`The vault file ${file} is not one Fleetscope wrote; move it away to start with an empty vault.`);
  }
  return { ...doc.entries };
}

import { existsSync, readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import type { SecretStore } from '../../engine/secrets/secret-store';

/**
 * The part of Electron's safeStorage the vault uses; a fake in tests. Only the asynchronous API:
 * the synchronous one is deprecated and goes away in Electron 46.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(cipher: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which OS store protects the key (`basic_text` means none). */
  getSelectedStorageBackend?(): string;
  /** Linux only: allow the hard-coded key of `basic_text`; without it encryption is unavailable there. */
  setUsePlainTextEncryption?(usePlainText: boolean): void;
}

export type VaultOutcome = { ok: true; vault: SecretStore } | { ok: false; reason: string };

interface VaultFile {
  version: 1;
  /** name → base64 of the ciphertext safeStorage made. */
  entries: Record<string, string>;
}

const USE_ENV = 'Until then, give secrets as ${env:NAME} references; targets whose secrets are in the vault are shown with this error and not polled.';

/**
 * The desktop's credential vault: each secret encrypted with safeStorage (the OS keychain's key),
 * kept in one JSON file of mode 0600, written atomically.
 *
 * The backend is checked before availability: on Linux without a keyring safeStorage selects
 * `basic_text` (a hard-coded key) and then reports encryption unavailable unless plain-text
 * encryption was allowed first, so checking availability first would hide the one case the user
 * can fix with `--accept-weak-vault`. Entries are decrypted once at open, so the config loader can
 * resolve `${vault:…}` synchronously; an entry this keyring cannot decrypt (written by another user
 * or another user-data folder) is reported by name, never fatal.
 */
export async function openVault(opts: { file: string; safeStorage: SafeStorageLike; platform: NodeJS.Platform; acceptWeak: boolean }): Promise<VaultOutcome> {
  const { safeStorage, platform } = opts;
  const backend = platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : platform === 'darwin' ? 'macOS Keychain' : 'Windows DPAPI';
  if (backend === 'basic_text') {
    if (!opts.acceptWeak) {
      return {
        ok: false,
        reason: `No keyring (GNOME Keyring, KWallet) is running, so secrets could only be stored with a hard-coded key. Fleetscope refuses that: start a keyring and restart Fleetscope, or start it with --accept-weak-vault to store them anyway. ${USE_ENV}`,
      };
    }
    safeStorage.setUsePlainTextEncryption?.(true);
  }
  if (backend === 'unknown') {
    return { ok: false, reason: `Electron could not tell which keyring protects stored secrets here, so Fleetscope keeps none. ${USE_ENV}` };
  }
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    return { ok: false, reason: `${unavailableReason(platform, backend)} ${USE_ENV}` };
  }

  const raw = readEntries(opts.file);
  const plain = new Map<string, string>();
  const unreadable = new Map<string, string>();
  let reEncrypt = false;
  for (const [name, cipher] of Object.entries(raw)) {
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
      plain.set(name, result);
      reEncrypt ||= shouldReEncrypt;
    } catch {
      unreadable.set(
        name,
        `The vault entry "${name}" cannot be decrypted with this ${backend} key (it was written by another user, keyring or Fleetscope data folder)`,
      );
    }
  }
  const save = (): Promise<void> =>
    writeFileAtomic(opts.file, `${JSON.stringify({ version: 1, entries: raw } satisfies VaultFile, null, 2)}\n`, { mode: 0o600, fsync: true });
  if (reEncrypt) {
    // The OS rotated or upgraded the key: store every readable entry under the new one.
    for (const [name, value] of plain) raw[name] = (await safeStorage.encryptStringAsync(value)).toString('base64');
    await save();
  }
  return {
    ok: true,
    vault: {
      backend: backend === 'basic_text' ? 'basic_text (weak: accepted with --accept-weak-vault)' : backend,
      has: (name) => plain.has(name),
      get: (name) => plain.get(name),
      whyMissing: (name) => unreadable.get(name),
      set: async (name, value) => {
        raw[name] = (await safeStorage.encryptStringAsync(value)).toString('base64');
        plain.set(name, value);
        unreadable.delete(name);
        await save();
      },
      delete: async (name) => {
        if (!(name in raw)) return;
        delete raw[name];
        plain.delete(name);
        unreadable.delete(name);
        await save();
      },
    },
  };
}

function unavailableReason(platform: NodeJS.Platform, backend: string): string {
  if (platform === 'darwin')
    return 'The macOS Keychain did not give Fleetscope a key (access denied or the keychain is locked); unlock it and restart Fleetscope.';
  if (platform === 'win32') return 'Windows refused to encrypt stored secrets (DPAPI is unavailable for this account).';
  return `The keyring (${backend}) did not give Fleetscope a key: unlock it (or start it) and restart Fleetscope.`;
}

function readEntries(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Partial<VaultFile>;
  if (doc.version !== 1 || typeof doc.entries !== 'object' || doc.entries === null) {
    throw new Error(`The vault file ${file} is not one Fleetscope wrote; move it away to start with an empty vault.`);
  }
  return { ...doc.entries };
}

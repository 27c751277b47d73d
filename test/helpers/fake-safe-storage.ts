import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../electron/main/secrets/vault';

export type FakeSafeStorage = SafeStorageLike & {
  /** Every call in order, so a test can check what was asked before what. */
  readonly calls: string[];
};

/**
 * A safeStorage stand-in that really encrypts (AES-GCM with a per-instance key), as the OS one
 * would, and behaves like Electron's on Linux: with the `basic_text` backend encryption is
 * unavailable until `setUsePlainTextEncryption(true)` was called. A second instance has another
 * key, as another user's keyring would.
 */
export function fakeSafeStorage(backend = 'gnome_libsecret', available = true): FakeSafeStorage {
  const key = randomBytes(32);
  const calls: string[] = [];
  let plainTextAllowed = false;
  const usable = (): boolean => (backend === 'basic_text' ? plainTextAllowed : available);
  return {
    calls,
    getSelectedStorageBackend: () => {
      calls.push('getSelectedStorageBackend');
      return backend;
    },
    setUsePlainTextEncryption: (v) => {
      calls.push(`setUsePlainTextEncryption(${v})`);
      plainTextAllowed = v;
    },
    isAsyncEncryptionAvailable: async () => {
      calls.push('isAsyncEncryptionAvailable');
      return usable();
    },
    encryptStringAsync: async (plain) => {
      if (!usable()) throw new Error('Encryption is not available.');
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptStringAsync: async (buf) => {
      if (!usable()) throw new Error('Decryption is not available.');
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return { shouldReEncrypt: false, result: Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8') };
    },
  };
}

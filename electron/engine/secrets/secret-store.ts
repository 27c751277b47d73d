/**
 * Where the desktop keeps secrets that a config file refers to as `${vault:NAME}`. The desktop
 * implements it with Electron's safeStorage (electron/main/secrets); browser mode and the
 * collector have none and use `${env:NAME}` instead.
 */
export interface SecretStore {
  /** A short description for the Settings view, e.g. "gnome_libsecret". */
  readonly backend: string;
  get(name: string): string | undefined;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  has(name: string): boolean;
  /** Why an entry the vault file holds cannot be read (say, encrypted by another user's keyring). */
  whyMissing?(name: string): string | undefined;
}

/** Vault names are derived from the target, never typed by the user: `primary.prod.admin`. */
export const vaultName = (kind: 'primary' | 'storage', id: string, role: string): string => `${kind}.${id}.${role}`;

/** A SecretStore in memory only, for tests and for credentials entered for one session. */
export function memorySecretStore(backend = 'memory'): SecretStore {
  const values = new Map<string, string>();
  return {
    backend,
    get: (n) => values.get(n),
    set: async (n, v) => void values.set(n, v),
    delete: async (n) => void values.delete(n),
    has: (n) => values.has(n),
  };
}

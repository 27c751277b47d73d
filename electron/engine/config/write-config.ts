import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { stringify } from 'yaml';
import { ENV_REF, SECRET_CONFIG_KEYS } from './fleet-config-schema';

/** `${vault:NAME}`: a secret kept in the desktop's encrypted vault. */
export const VAULT_REF = /^\$\{vault:([A-Za-z0-9_.-]+)\}$/;

/**
 * Writes a fleet config file so that a crash at any instant leaves the old file or the new one,
 * never a torn one: a temporary file beside it, fsync, rename (write-file-atomic). Mode 0600.
 * Refuses a secret written as a value — config files carry only `${env:…}` or `${vault:…}`.
 */
export async function writeConfigFile(path: string, config: unknown, header?: string): Promise<void> {
  const inline = findInlineSecrets(config, []);
  if (inline.length > 0) {
    throw new Error(`Refusing to write secrets into ${path}: ${inline.join(', ')} must be \${env:NAME} or \${vault:NAME} references.`);
  }
  mkdirSync(dirname(path), { recursive: true });
  const text = `${header ? `${header.replace(/^/gm, '# ')}\n` : ''}${stringify(config)}`;
  await writeFileAtomic(path, text, { mode: 0o600, fsync: true });
}

function findInlineSecrets(value: unknown, path: (string | number)[]): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findInlineSecrets(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => findInlineSecrets(v, [...path, k]));
  const key = path.at(-1);
  if (typeof value === 'string' && typeof key === 'string' && SECRET_CONFIG_KEYS.has(key) && !ENV_REF.test(value) && !VAULT_REF.test(value)) {
    return [path.join('.')];
  }
  return [];
}

import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { CredentialInput, CredentialView, PrimaryInput, PrimarySettings, SecretInput } from '../../../shared/model';
import { redactUrl } from '../../../shared/logic/url-userinfo';
import { ConfigError } from '../config/load-config';
import { ENV_REF, SECRET_CONFIG_KEYS } from '../config/fleet-config-schema';
import { VAULT_REF } from '../config/write-config';
import { yamlProblem } from '../config/yaml-error';
import { vaultName, type SecretStore } from '../secrets/secret-store';

type StoredCredential = { token: string } | { username: string; password: string };

/** A primary as written in the config file: secrets only as `${env:…}` or `${vault:…}` references. */
export interface StoredPrimary {
  id: string;
  name: string;
  baseUrl: string;
  nodes?: { name: string; baseUrl: string }[];
  read?: StoredCredential;
  admin?: StoredCredential;
  tls?: { caFile?: string };
  proxy?: string;
  timeoutSeconds?: number;
  [other: string]: unknown;
}

/** The config file as a document: what Settings reads, edits and writes back. */
export interface StoredConfig {
  pollIntervalSeconds?: number;
  mirrorSweepIntervalSeconds?: number;
  mirrorSweepBudgetKBps?: number;
  cacheStatsIntervalSeconds?: number;
  cacheStatsBudgetKBps?: number;
  primaries: StoredPrimary[];
  storage: Array<Record<string, unknown>>;
  [other: string]: unknown;
}

export function readStoredConfig(path: string): StoredConfig {
  if (!existsSync(path)) return { primaries: [], storage: [] };
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8')) ?? {};
  } catch (err) {
    throw new ConfigError(`${path} is not valid YAML: ${yamlProblem(err)}. Fix it there, then try again.`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new ConfigError(`${path} must hold a YAML mapping (pollIntervalSeconds, primaries, storage).`);
  const d = doc as Record<string, unknown>;
  return {
    ...d,
    primaries: Array.isArray(d.primaries) ? (d.primaries as StoredPrimary[]) : [],
    storage: Array.isArray(d.storage) ? (d.storage as Array<Record<string, unknown>>) : [],
  };
}

const viewOfSecret = (value: string): CredentialView['secret'] => {
  const env = ENV_REF.exec(value);
  if (env) return { source: 'env', name: env[1]! };
  return VAULT_REF.test(value) ? { source: 'vault' } : { source: 'inline' };
};

const viewOf = (c: StoredCredential | undefined): CredentialView | null => {
  if (!c) return null;
  return 'token' in c ? { kind: 'token', secret: viewOfSecret(c.token) } : { kind: 'basic', username: c.username, secret: viewOfSecret(c.password) };
};

/** What Settings shows of a stored primary: everything but secret values. */
export function primaryView(p: StoredPrimary): PrimarySettings {
  return {
    id: p.id,
    name: p.name,
    baseUrl: p.baseUrl,
    nodes: p.nodes ?? [],
    read: viewOf(p.read),
    admin: viewOf(p.admin),
    caFile: p.tls?.caFile ?? null,
    proxy: p.proxy ? redactUrl(p.proxy) : null,
    timeoutSeconds: p.timeoutSeconds ?? null,
  };
}

/**
 * Turns what the user entered into what the file stores. A typed secret goes to the vault (the
 * desktop) under a name derived from the primary and role; without a vault it is refused.
 */
export async function storePrimary(input: PrimaryInput, previous: StoredPrimary | undefined, secrets: SecretStore | undefined): Promise<StoredPrimary> {
  const stored: StoredPrimary = { id: input.id, name: input.name, baseUrl: input.baseUrl.replace(/\/+$/, '') };
  if (input.nodes && input.nodes.length > 0) stored.nodes = input.nodes.map((n) => ({ name: n.name, baseUrl: n.baseUrl.replace(/\/+$/, '') }));
  const read = await storeCredential(input.read, previous?.read, vaultName('primary', input.id, 'read'), secrets);
  const admin = await storeCredential(input.admin, previous?.admin, vaultName('primary', input.id, 'admin'), secrets);
  if (read) stored.read = read;
  if (admin) stored.admin = admin;
  if (input.caFile) stored.tls = { caFile: input.caFile };
  if (input.proxy) stored.proxy = input.proxy;
  if (input.timeoutSeconds) stored.timeoutSeconds = input.timeoutSeconds;
  // SSH clone endpoints are edited in the file only; saving the primary in Settings keeps them.
  if (previous?.ssh) stored.ssh = previous.ssh;
  return stored;
}

async function storeCredential(
  input: CredentialInput,
  previous: StoredCredential | undefined,
  name: string,
  secrets: SecretStore | undefined,
): Promise<StoredCredential | undefined> {
  if (input.kind === 'none') {
    if (secrets?.has(name)) await secrets.delete(name);
    return undefined;
  }
  const prevSecret = previous === undefined ? undefined : 'token' in previous ? previous.token : previous.password;
  const secret = await storeSecret(input.kind === 'token' ? input.token : input.password, prevSecret, name, secrets);
  return input.kind === 'token' ? { token: secret } : { username: input.username, password: secret };
}

async function storeSecret(input: SecretInput, previous: string | undefined, name: string, secrets: SecretStore | undefined): Promise<string> {
  if ('env' in input) return `\${env:${input.env}}`;
  if ('keep' in input) {
    if (previous === undefined) throw new ConfigError(`There is no stored secret to keep for ${name}; enter it.`);
    return previous;
  }
  if (!secrets) {
    throw new ConfigError('This Fleetscope has no vault (browser mode): put the secret in an environment variable and enter its name instead.');
  }
  await secrets.set(name, input.value);
  return `\${vault:${name}}`;
}

/** Every secret a stored config holds inline, by path, so import can move them and export can hide them. */
export function inlineSecretPaths(doc: unknown, path: (string | number)[] = []): Array<(string | number)[]> {
  if (Array.isArray(doc)) return doc.flatMap((v, i) => inlineSecretPaths(v, [...path, i]));
  if (doc && typeof doc === 'object') return Object.entries(doc).flatMap(([k, v]) => inlineSecretPaths(v, [...path, k]));
  const key = path.at(-1);
  return typeof key === 'string' && SECRET_CONFIG_KEYS.has(key) && typeof doc === 'string' && !ENV_REF.test(doc) && !VAULT_REF.test(doc) ? [path] : [];
}

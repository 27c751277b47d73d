import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config-error';
import type { SecretStore } from '../secrets/secret-store';
import { ENV_REF, fleetConfigSchema, SECRET_CONFIG_KEYS, type FleetConfig } from './fleet-config-schema';
import { VAULT_REF } from './write-config';
import { resolveStoragePaths } from './storage-config-schema';
import { blockTargets, type UnresolvedSecret } from './target-errors';
import { yamlProblem } from './yaml-error';

export interface LoadedConfig {
  config: FleetConfig;
  /** Things the user should fix but that do not stop Fleetscope, e.g. inline secrets. */
  warnings: string[];
}

/** A config problem, phrased for the person who wrote the file. */
export { ConfigError } from './config-error';

/**
 * Reads, validates and resolves a fleet config file: `${env:NAME}` and `${vault:NAME}` references
 * are replaced by their values, inline secrets draw a warning, relative `tls.caFile` and `ssh.*File` paths resolve
 * against the config file's folder. A reference that cannot be resolved (a variable not set, a
 * vault refused or without that entry) is not a reason to refuse the file: that one target gets
 * the error in `config.targetErrors`, is shown with it and is not polled; the others are.
 */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env, secrets?: SecretStore): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read the config file ${path}: ${(err as Error).message}`);
  }
  return parseConfigText(text, { baseDir: dirname(resolve(path)), source: path, env, ...(secrets ? { secrets } : {}) });
}

export interface ParseOptions {
  baseDir: string;
  source: string;
  env?: NodeJS.ProcessEnv;
  /** Resolves `${vault:NAME}`; without it such a reference is an error that says why. */
  secrets?: SecretStore;
}

export function parseConfigText(text: string, opts: ParseOptions): LoadedConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${opts.source} is not valid YAML: ${yamlProblem(err)}. Fix it there and start again.`);
  }
  const loaded = parseConfigObject(raw ?? {}, opts);
  if (loaded.config.primaries.length === 0 && loaded.config.storage.length === 0) {
    loaded.warnings.push(`${opts.source} configures no primaries and no storage: there is nothing to watch. Add them in Settings or in the file.`);
  }
  return loaded;
}

/** Validates and resolves a config already parsed from YAML (or built by the Settings view). */
export function parseConfigObject(raw: unknown, opts: ParseOptions): LoadedConfig {
  const warnings: string[] = [];
  const unresolved: UnresolvedSecret[] = [];
  const sources = { env: opts.env ?? process.env, secrets: opts.secrets, unresolved };
  const resolved = resolveSecrets(raw, [], sources, warnings);
  const parsed = fleetConfigSchema.safeParse(resolved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new ConfigError(`${opts.source} has ${lines.length} problem(s):\n${lines.join('\n')}`);
  }
  for (const p of parsed.data.primaries) {
    if (p.tls?.caFile) p.tls.caFile = resolvePath(p.tls.caFile, opts.baseDir);
    if (p.ssh?.privateKeyFile) p.ssh.privateKeyFile = resolvePath(p.ssh.privateKeyFile, opts.baseDir);
    if (p.ssh?.knownHostsFile) p.ssh.knownHostsFile = resolvePath(p.ssh.knownHostsFile, opts.baseDir);
    if (!p.read) warnings.push(`primaries.${p.id}: no read credential; only anonymous endpoints can be polled.`);
  }
  if (parsed.data.prometheus?.caFile) parsed.data.prometheus.caFile = resolvePath(parsed.data.prometheus.caFile, opts.baseDir);
  for (const s of parsed.data.storage) resolveStoragePaths(s, (p) => resolvePath(p, opts.baseDir));
  return { config: blockTargets(parsed.data, unresolved), warnings };
}

function resolvePath(p: string, baseDir: string): string {
  if (p.startsWith('~/')) return resolve(homedir(), p.slice(2));
  return isAbsolute(p) ? p : resolve(baseDir, p);
}

interface SecretSources {
  env: NodeJS.ProcessEnv;
  secrets: SecretStore | undefined;
  /** Where references that cannot be resolved are collected, to become per-target errors. */
  unresolved: UnresolvedSecret[];
}

function resolveSecrets(value: unknown, path: (string | number)[], sources: SecretSources, warnings: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolveSecrets(v, [...path, i], sources, warnings));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSecrets(v, [...path, k], sources, warnings)]));
  }
  if (typeof value !== 'string') return value;
  const where = path.join('.');
  const problem = unresolvedReason(value, where, sources);
  if (problem === null) return resolveReference(value, sources);
  if (problem !== undefined) {
    // Inside a target, the target carries the error; anywhere else the file itself is wrong.
    if (path[0] !== 'primaries' && path[0] !== 'storage') throw new ConfigError(problem);
    sources.unresolved.push({ path, message: problem });
    // The reference stands in for the value so the schema still checks the rest of the entry;
    // blockTargets removes it before anything could send it anywhere.
    return value;
  }
  const key = path.at(-1);
  if (typeof key === 'string' && SECRET_CONFIG_KEYS.has(key)) {
    warnings.push(`${where} is written inline in the config file; prefer "\${env:NAME}" so the secret stays out of the file.`);
  }
  return value;
}

/**
 * Why a `${vault:…}` or `${env:…}` reference cannot be resolved; null when it can, undefined
 * when the value is no reference at all.
 */
function unresolvedReason(value: string, where: string, sources: SecretSources): string | null | undefined {
  const vault = VAULT_REF.exec(value);
  if (vault) {
    const name = vault[1]!;
    if (!sources.secrets) {
      return `${where} refers to the desktop vault (\${vault:${name}}), which this Fleetscope has not got: in browser mode and the collector give it as \${env:NAME}; on the desktop, see Settings for why the vault is unavailable.`;
    }
    if (sources.secrets.get(name) !== undefined) return null;
    const why = sources.secrets.whyMissing?.(name);
    return `${why ?? `The vault holds no secret "${name}"`} (referenced by ${where}): enter the secret again in Settings.`;
  }
  const env = ENV_REF.exec(value);
  if (env) {
    const v = sources.env[env[1]!];
    if (v === undefined || v === '') return `The environment variable ${env[1]} is not set (referenced by ${where}). Set it, or remove that entry.`;
    return null;
  }
  return undefined;
}

function resolveReference(value: string, sources: SecretSources): string {
  const vault = VAULT_REF.exec(value);
  if (vault) return sources.secrets!.get(vault[1]!)!;
  return sources.env[ENV_REF.exec(value)![1]!]!;
}

import { redactUrl } from '../../../shared/logic/url-userinfo';
import { ENV_REF } from '../config/fleet-config-schema';
import { VAULT_REF } from '../config/write-config';

/** What stands in for a secret written into the config file itself. */
export const LITERAL_REDACTED = '<redacted: literal in config>';

const SECRET_KEYS = new Set(['token', 'password', 'passphrase']);
const isReference = (v: unknown): v is string => typeof v === 'string' && (ENV_REF.test(v) || VAULT_REF.test(v));

type Path = ReadonlyArray<string | number>;

/** The value at `path` in the file as written; list items are matched by `id` where they have one (the file may order them otherwise). */
function rawAt(raw: unknown, path: Path, effective: unknown): unknown {
  let r = raw;
  let e = effective;
  for (const key of path) {
    if (Array.isArray(e) && Array.isArray(r) && typeof key === 'number') {
      const id = (e[key] as { id?: unknown } | undefined)?.id;
      r = id === undefined ? r[key] : r.find((x: { id?: unknown } | null) => x?.id === id);
    } else r = r && typeof r === 'object' ? (r as Record<string, unknown>)[key] : undefined;
    e = e && typeof e === 'object' ? (e as Record<string | number, unknown>)[key] : undefined;
  }
  return r;
}

/**
 * The config in force with every secret replaced by where it comes from: a `${vault:NAME}` or
 * `${env:NAME}` reference of the file stays that reference, a secret written into the file (or a
 * generated config's, like the demo's) becomes LITERAL_REDACTED, and URLs lose any user info.
 */
export function redactConfig(effective: unknown, raw: unknown): unknown {
  const walk = (value: unknown, path: Path): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    if (typeof value !== 'string') return value;
    const key = path.at(-1);
    if (typeof key === 'string' && SECRET_KEYS.has(key)) {
      const written = rawAt(raw, path, effective);
      return isReference(written) ? written : LITERAL_REDACTED;
    }
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? redactUrl(value) : value;
  };
  return walk(effective, []);
}

/** Every secret value a config holds once resolved: what no file of a bundle may contain. */
export function secretValues(effective: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key: string | number | undefined): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, i));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (typeof value === 'string' && typeof key === 'string' && SECRET_KEYS.has(key) && !isReference(value)) out.push(value);
  };
  walk(effective, undefined);
  return out;
}

/**
 * Replaces every occurrence of the given secrets in a text: the last guard before a file leaves,
 * should a message or log line have echoed one. Secrets under 6 characters would match ordinary words, so they are left to the redaction above.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...new Set(secrets)].filter((x) => x.length >= 6).sort((a, b) => b.length - a.length)) out = out.split(s).join('<redacted>');
  return out;
}

/** API tokens given through the environment (browser mode's, a team's, a collector's): no bundle holds them either. */
export function envSecrets(env: NodeJS.ProcessEnv): string[] {
  const single = ['FLEETSCOPE_TOKEN', 'FLEETSCOPE_COLLECTOR_TOKEN'].map((k) => env[k] ?? '');
  const named = ['FLEETSCOPE_ADMIN_TOKENS', 'FLEETSCOPE_VIEWER_TOKENS'].flatMap((k) =>
    (env[k] ?? '').split(',').map((pair) => pair.slice(pair.indexOf('=') + 1).trim()),
  );
  return [...single, ...named].filter((t) => t !== '');
}

import { FleetApiError } from '../../../shared/contract';
import type { PrimaryInput, SecretInput } from '../../../shared/model';
import { ENV_REF } from '../config/fleet-config-schema';
import { VAULT_REF } from '../config/write-config';
import type { StoredConfig, StoredPrimary } from './stored-config';

/**
 * A stored secret is bound to where it was saved for: the origins of its primary (base URL and
 * node URLs) and, for plain-HTTP origins, the proxy that sees its requests. Requests can choose
 * values and environment variables, but never send a stored secret anywhere else.
 */

/** Environment variables a request may name that the config file does not use yet. */
export const REQUEST_ENV_PREFIXES = ['FLEETSCOPE_', 'BB_'] as const;
/** The browser-mode token is a variable of this prefix, but never a credential for Bitbucket. */
const NEVER_FROM_REQUESTS = new Set(['FLEETSCOPE_TOKEN']);

interface Reach {
  baseUrl: string;
  nodes?: ReadonlyArray<{ baseUrl: string }> | undefined;
  proxy?: string | null | undefined;
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** The origins a primary's credentials are sent to: its base URL and its nodes' URLs. */
export const originsOf = (p: Reach): string[] => [...new Set([p.baseUrl, ...(p.nodes ?? []).map((n) => n.baseUrl)].map(originOf))];

/** Where `next` would send what was stored for `previous`, if anywhere new; null when it stays within. */
function newDestination(previous: Reach, next: Reach): string | null {
  const allowed = new Set(originsOf(previous));
  const outside = originsOf(next).find((o) => !allowed.has(o));
  if (outside) return outside;
  // Over plain HTTP the proxy reads the Authorization header; over HTTPS it only sees a tunnel.
  const plain = originsOf(next).some((o) => o.startsWith('http:'));
  if (plain && (previous.proxy ?? null) !== (next.proxy ?? null)) return `the proxy ${next.proxy ?? '(from the environment)'}`;
  return null;
}

/** Null when some holder of the secret already sends it to everything `next` would; else where it would newly go. */
function firstRefusal(holdersOfSecret: StoredPrimary[], next: Reach): string | null {
  const destinations = holdersOfSecret.map((h) => newDestination(h, next));
  return destinations.includes(null) ? null : (destinations[0] ?? originsOf(next).join(', '));
}

const secretOf = (c: StoredPrimary['read']): string | undefined => {
  // A hand-written file may hold anything here; the schema reports that, this only looks for references.
  if (typeof c !== 'object' || c === null) return undefined;
  const v: unknown = 'token' in c ? c.token : c.password;
  return typeof v === 'string' ? v : undefined;
};

/** Every `${env:…}`/`${vault:…}` reference (or inline value) the file's primaries hold, with the primaries that hold it. */
function holders(doc: StoredConfig, ref: string): StoredPrimary[] {
  return doc.primaries.filter((p) => secretOf(p.read) === ref || secretOf(p.admin) === ref);
}

function envNamesUsed(doc: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(doc)) doc.forEach((v) => envNamesUsed(v, into));
  else if (doc && typeof doc === 'object') Object.values(doc).forEach((v) => envNamesUsed(v, into));
  else if (typeof doc === 'string') {
    const m = ENV_REF.exec(doc);
    if (m) into.add(m[1]!);
  }
  return into;
}

/**
 * Checks an environment variable named by a request: one the config file already uses (and then
 * only for the origins of the primaries that use it), or one with a documented prefix.
 */
export function checkRequestedEnv(name: string, where: string, reach: Reach | null, doc: StoredConfig): void {
  const users = holders(doc, `\${env:${name}}`);
  if (reach && users.length > 0) {
    const to = firstRefusal(users, reach);
    if (to !== null) {
      const allowed = [...new Set(users.flatMap(originsOf))];
      throw new FleetApiError(
        'invalid-argument',
        `${where}: \${env:${name}} is the secret of ${[...new Set(users.map((u) => u.id))].join(', ')} and is only sent to ${allowed.join(', ')}, not to ${to}. Enter the secret for this address instead.`,
      );
    }
    return;
  }
  // A storage passphrase is used on this machine only: a name the file already uses is fine.
  if (!reach && envNamesUsed(doc).has(name)) return;
  if (NEVER_FROM_REQUESTS.has(name) || !REQUEST_ENV_PREFIXES.some((p) => name.startsWith(p))) {
    throw new FleetApiError(
      'invalid-argument',
      `${where}: the environment variable ${name} cannot be chosen from here. Use one whose name starts with ${REQUEST_ENV_PREFIXES.join(' or ')} ` +
        `(not FLEETSCOPE_TOKEN), or write \${env:${name}} into the config file yourself.`,
    );
  }
}

/** Checks a "keep what is stored" choice: the stored secret may only go where it went before. */
export function checkKeep(role: string, previous: StoredPrimary | undefined, next: Reach): void {
  if (!previous) return;
  const to = newDestination(previous, next);
  if (to) {
    throw new FleetApiError(
      'invalid-argument',
      `The stored ${role} credential was saved for ${originsOf(previous).join(', ')}; it is never sent to ${to}. ` +
        `Changing the address (scheme, host or port), a node's address or a plain-HTTP proxy needs the secret entered again.`,
    );
  }
}

/** Checks both credentials of a primary as entered, before anything is stored or sent. */
export function checkPrimaryInput(input: PrimaryInput, previous: StoredPrimary | undefined, doc: StoredConfig): void {
  const reach: Reach = { baseUrl: input.baseUrl, nodes: input.nodes ?? [], proxy: input.proxy ?? null };
  for (const role of ['read', 'admin'] as const) {
    const c = input[role];
    if (c.kind === 'none') continue;
    const secret: SecretInput = c.kind === 'token' ? c.token : c.password;
    if ('keep' in secret) checkKeep(role, previous, reach);
    else if ('env' in secret) checkRequestedEnv(secret.env, `${role} credential`, reach, doc);
  }
}

/**
 * Checks a whole document that came through a request (import, a storage source): every secret
 * reference it holds must already be bound, in the current file, to the same origins; a new
 * `${env:…}` must have a documented prefix; a vault entry cannot be named at all.
 */
export function checkImportedRefs(next: StoredConfig, current: StoredConfig): void {
  for (const [i, p] of next.primaries.entries()) {
    for (const role of ['read', 'admin'] as const) {
      const ref = secretOf(p[role]);
      if (ref === undefined) continue;
      const where = `primaries.${i}.${role}`;
      const env = ENV_REF.exec(ref);
      if (env) {
        checkRequestedEnv(env[1]!, where, p, current);
        continue;
      }
      if (!VAULT_REF.test(ref)) continue; // a value given here: moved to the vault, or refused, by the caller
      const users = holders(current, ref);
      if (users.length === 0) {
        throw new FleetApiError('invalid-argument', `${where}: ${ref} is not used by the current config; enter that secret in Settings after importing.`);
      }
      const to = firstRefusal(users, p);
      if (to !== null)
        throw new FleetApiError(
          'invalid-argument',
          `${where}: ${ref} belongs to ${[...new Set(users.map((u) => u.id))].join(', ')} and is never sent to ${to}.`,
        );
    }
  }
  for (const name of envNamesUsed(next.storage)) checkRequestedEnv(name, 'storage', null, current);
}

/**
 * The primaries a secret reference was ever bound to in this session, so that removing a primary
 * (or importing a file without it) does not free its `${env:NAME}` for another origin: a name the
 * user configured stays bound to where they configured it until they edit the file themselves.
 */
export function createBindingMemory(): { remember(doc: StoredConfig): void; withRemembered(doc: StoredConfig): StoredConfig } {
  const seen = new Map<string, StoredPrimary>();
  return {
    remember: (doc) => {
      for (const p of doc.primaries) {
        if (secretOf(p.read) === undefined && secretOf(p.admin) === undefined) continue;
        const bound = structuredClone({ id: p.id, baseUrl: p.baseUrl, nodes: p.nodes, proxy: p.proxy, read: p.read, admin: p.admin }) as StoredPrimary;
        seen.set(JSON.stringify(bound), bound);
      }
    },
    withRemembered: (doc) => ({ ...doc, primaries: [...doc.primaries, ...seen.values()] }),
  };
}

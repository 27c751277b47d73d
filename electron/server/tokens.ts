import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Caller } from '../engine/handlers';
import { ConfigError } from '../engine/config/config-error';
import { MIN_TOKEN_LENGTH, tokenProblem } from './request-guard';

export interface TokenEntry extends Caller {
  token: string;
}

/**
 * Reads the team tokens from the environment: `FLEETSCOPE_ADMIN_TOKENS` and
 * `FLEETSCOPE_VIEWER_TOKENS`, each `name=TOKEN,name=TOKEN`. `FLEETSCOPE_TOKEN` (or a random one)
 * stays the admin token of the person who started `serve`, named `owner`.
 */
export function tokensFromEnv(env: NodeJS.ProcessEnv): { owner: string; team: TokenEntry[] } {
  const owner = env['FLEETSCOPE_TOKEN'] || randomBytes(24).toString('base64url');
  const problem = tokenProblem(owner);
  if (problem) throw new ConfigError(problem);
  const team = [
    ...parseTokenList(env['FLEETSCOPE_ADMIN_TOKENS'], 'admin', 'FLEETSCOPE_ADMIN_TOKENS'),
    ...parseTokenList(env['FLEETSCOPE_VIEWER_TOKENS'], 'viewer', 'FLEETSCOPE_VIEWER_TOKENS'),
  ];
  const names = new Set<string>([OWNER]);
  const values = new Set<string>([owner]);
  for (const t of team) {
    if (names.has(t.name)) throw new ConfigError(`Two tokens are named "${t.name}"; each token needs its own name (the audit log records it).`);
    if (values.has(t.token)) throw new ConfigError(`The token of "${t.name}" is used twice; give every person or tool its own.`);
    names.add(t.name);
    values.add(t.token);
  }
  return { owner, team };
}

function parseTokenList(text: string | undefined, role: Caller['role'], variable: string): TokenEntry[] {
  if (!text?.trim()) return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const eq = item.indexOf('=');
      const name = eq > 0 ? item.slice(0, eq).trim() : '';
      const token = eq > 0 ? item.slice(eq + 1).trim() : '';
      if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name))
        throw new ConfigError(`${variable}: each entry is name=TOKEN, with a name of letters, digits, ".", "_", "@" or "-".`);
      if (token.length < MIN_TOKEN_LENGTH) {
        throw new ConfigError(
          `${variable}: the token of "${name}" is too short (at least ${MIN_TOKEN_LENGTH} characters; make one with: openssl rand -base64 24).`,
        );
      }
      return { name, role, token };
    });
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Finds who a bearer token belongs to, comparing in constant time against every known token. */
export function tokenResolver(entries: readonly TokenEntry[]): (authorization: string | undefined) => Caller | null {
  const known = entries.map((e) => ({ caller: { name: e.name, role: e.role } satisfies Caller, hash: digest(e.token) }));
  return (authorization) => {
    if (!authorization?.startsWith('Bearer ')) return null;
    const got = digest(authorization.slice('Bearer '.length));
    let found: Caller | null = null;
    // Every entry is compared, so the time taken does not tell which one matched.
    for (const k of known) if (timingSafeEqual(got, k.hash) && !found) found = k.caller;
    return found;
  };
}

/** The name of the token of whoever started `serve` (FLEETSCOPE_TOKEN, or the random one it printed). */
export const OWNER = 'owner';

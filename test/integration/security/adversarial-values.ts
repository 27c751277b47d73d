/**
 * Adversarial arguments for any contract request, derived from its valid example so that a new
 * request is covered without writing anything for it: every node of the arguments replaced by
 * each hostile value in turn (other origins, URLs with credentials, environment and vault names,
 * commands, oversized and deeply nested values), and every object given each hostile key.
 */
export interface AttackSurface {
  /** The attacker's listener. */
  attackerUrl: string;
  /** Origins of the configured primaries: the example's placeholder URL is pointed at each, so stored secrets come into play. */
  ownOrigins: string[];
  envNames: string[];
  vaultNames: string[];
  /** Programs and command lines a request might try to have run. */
  commands: string[];
}

type Path = (string | number)[];
const EXAMPLE_URL = 'https://bitbucket.example.com';
const OVERSIZED = 'x'.repeat(900_000); // under the server's 1 MB body limit, so it reaches the handler
const DEPTH = 1_000;

function deep(depth: number): unknown {
  let v: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function paths(value: unknown, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  parent[path.at(-1)!] = by;
  return copy;
}

function mapDeep(value: unknown, f: (v: unknown, key: string | number | undefined) => unknown, key?: string | number): unknown {
  const mapped = f(value, key);
  if (mapped !== value) return mapped;
  if (Array.isArray(value)) return value.map((v, i) => mapDeep(v, f, i));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapDeep(v, f, k)]));
  return value;
}

const isNoCredential = (v: unknown): boolean => !!v && typeof v === 'object' && (v as { kind?: unknown }).kind === 'none';

function hostileValues(s: AttackSurface): unknown[] {
  const attacker = new URL(s.attackerUrl);
  const withCreds = `http://thief:pw@${attacker.host}`;
  const secretChoices: unknown[] = [{ keep: true }, ...s.envNames.map((env) => ({ env }))];
  const sshTo = (command: string) => ({
    host: attacker.hostname,
    port: Number(attacker.port),
    username: 'u',
    privateKeyFile: '/etc/passwd',
    knownHostsFile: '/dev/null',
    command,
  });
  return [
    s.attackerUrl,
    withCreds,
    attacker.host,
    ...s.envNames.map((n) => `\${env:${n}}`),
    ...s.vaultNames.map((n) => `\${vault:${n}}`),
    ...s.commands,
    s.commands.map((c) => c.split(' '))[1],
    '../../../../etc/passwd',
    'other',
    OVERSIZED,
    deep(DEPTH),
    ...secretChoices.map((token) => ({ kind: 'token', token })),
    ...secretChoices.map((password) => ({ kind: 'basic', username: 'svc-fleetscope', password })),
    [{ name: 'node', baseUrl: s.attackerUrl }],
    ...s.commands.map((command) => ({ id: 'shared-home', name: 'Shared home', gluster: { local: { command } } })),
    { id: 'shared-home', name: 'Shared home', gluster: { ssh: sshTo(s.commands[0]!) } },
    { id: 'shared-home', name: 'Shared home', gluster: { ssh: { ...sshTo('gluster'), passphrase: `\${env:${s.envNames[0]}}` } } },
    `primaries:\n  - { id: prod, name: P, baseUrl: "${s.attackerUrl}", read: { token: "\${env:BB_READ_TOKEN}" } }\n`,
    `primaries:\n  - { id: x, name: P, baseUrl: "${s.attackerUrl}", read: { token: "\${vault:${s.vaultNames[0]}}" } }\n`,
    ...s.commands.map((c) => `storage:\n  - { id: shared-home, name: S, gluster: { local: { command: "${c}" } } }\n`),
    null,
    -1,
    true,
  ];
}

/** Keys an attacker might add to any object: valid on some schemas (a primary's proxy and nodes, saveStorage's confirmedCommand). */
function hostileKeys(s: AttackSurface): Array<[string, unknown]> {
  return [
    ['baseUrl', s.attackerUrl],
    ['proxy', s.attackerUrl],
    ['nodes', [{ name: 'node', baseUrl: s.attackerUrl }]],
    ['replaces', 'other'],
    ['replaces', 'prod'],
    ['confirmedCommand', s.commands[0]],
    ['gluster', { local: { command: s.commands[0] } }],
    ['yaml', `primaries: [{ id: prod, name: P, baseUrl: "${s.attackerUrl}", read: { token: "\${env:BB_READ_TOKEN}" } }]`],
    ['__proto__', { polluted: true }],
  ];
}

/** The first command line a variant would have the engine run, so it can also be sent "confirmed". */
function commandIn(value: unknown, s: AttackSurface): string | undefined {
  const text = JSON.stringify(value) ?? '';
  return s.commands.find((c) => text.includes(JSON.stringify(c)) || text.includes(JSON.stringify(c.split(' '))));
}

export function adversarialVariants(valid: unknown, s: AttackSurface): unknown[] {
  // Seeds: the example; pointed at each configured origin; and with stored secrets kept there.
  const seeds = [valid];
  for (const origin of s.ownOrigins) {
    const pointed = mapDeep(valid, (v) => (v === EXAMPLE_URL ? origin : v));
    const kept = mapDeep(pointed, (v, key) => (isNoCredential(v) ? keepOf(key) : v));
    // Where the example has no URL or credential these equal it, and are dropped as duplicates.
    if (JSON.stringify(kept) !== JSON.stringify(valid)) seeds.push(kept);
  }
  const out = new Map<string, unknown>();
  const add = (v: unknown): void => {
    out.set(JSON.stringify(v), v);
    const command = commandIn(v, s);
    if (command !== undefined && v && typeof v === 'object' && !Array.isArray(v)) {
      const confirmed = { ...(v as object), confirmedCommand: command };
      out.set(JSON.stringify(confirmed), confirmed);
    }
  };
  const values = hostileValues(s);
  for (const seed of seeds) {
    add(seed);
    for (const path of paths(seed)) {
      for (const v of values) add(replaced(seed, path, v));
      const node = path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], seed);
      if (node && typeof node === 'object' && !Array.isArray(node)) {
        for (const [k, v] of hostileKeys(s)) add(replaced(seed, path, { ...(node as object), [k]: v }));
      }
    }
  }
  return [...out.values()];
}

/** A credential slot filled with "keep what is stored", as Settings sends for an unchanged secret. */
function keepOf(role: string | number | undefined): unknown {
  return role === 'admin' ? { kind: 'basic', username: 'svc-fleetscope', password: { keep: true } } : { kind: 'token', token: { keep: true } };
}

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { FleetHost } from '../../../electron/host/host-types';
import { memorySecretStore, type SecretStore } from '../../../electron/engine/secrets/secret-store';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { REQUEST_NAMES, type RequestName } from '../../../shared/contract';
import { startCaptureServer, type Captured } from '../../helpers/capture-server';
import { pollAndWait } from '../../helpers/poll-and-wait';
import { VALID_ARGS } from '../../helpers/valid-args';
import { adversarialVariants, type AttackSurface } from './adversarial-values';
import { BACK_TO_BACK_BUDGET } from '../../helpers/back-to-back-budget';

/**
 * Every contract request, with adversarial arguments, against a host holding stored secrets.
 * Three loopback listeners: the origins of the two configured primaries, and one standing in for
 * the attacker's host. A stored secret may reach its own primary's origin and nothing else; the
 * only process the engine may start is the configured gluster command.
 */
const spawned = vi.hoisted(() => [] as string[]);
vi.mock('node:child_process', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:child_process')>();
  const record = <F extends (...a: never[]) => unknown>(fn: F): F =>
    ((...args: Parameters<F>) => {
      spawned.push(String(args[0]));
      return fn(...args);
    }) as F;
  return {
    ...real,
    spawn: record(real.spawn),
    spawnSync: record(real.spawnSync),
    exec: record(real.exec),
    execSync: record(real.execSync),
    execFile: record(real.execFile),
    execFileSync: record(real.execFileSync),
    fork: record(real.fork),
  };
});

type Capture = Awaited<ReturnType<typeof startCaptureServer>>;
let dir: string;
let prodOrigin: Capture;
let otherOrigin: Capture;
let attacker: Capture;
let fakeGluster: string;
let evilGluster: string;
const TOKEN = 'adversarial-test-token-0123456789';
const SECRETS = {
  prodRead: 'prod-read-token-5b1f0c2e',
  prodAdmin: 'prod-admin-password-77e1a9',
  otherRead: 'other-read-token-c0ffee42',
  otherAdmin: 'other-admin-password-d00d',
  unrelated: 'unrelated-process-secret-3141',
} as const;
const ADMIN_USER = 'svc-fleetscope';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-adversarial-'));
  [prodOrigin, otherOrigin, attacker] = await Promise.all([startCaptureServer(), startCaptureServer(), startCaptureServer()]);
  // The configured gluster: answers nothing useful, which is fine; what matters is that it is the only program run.
  fakeGluster = join(dir, 'configured-gluster');
  writeFileSync(fakeGluster, '#!/bin/sh\necho "no volumes" >&2\nexit 1\n');
  chmodSync(fakeGluster, 0o755);
  // A program of the allowed shape that a request might try to point the engine at.
  evilGluster = join(dir, 'evil-gluster');
  writeFileSync(evilGluster, `#!/bin/sh\ntouch ${join(dir, 'evil-ran')}\n`);
  chmodSync(evilGluster, 0o755);
});
afterAll(async () => {
  await Promise.all([prodOrigin, otherOrigin, attacker].map((c) => c?.close()));
  rmSync(dir, { recursive: true, force: true });
});

const configPath = (): string => join(dir, 'fleet.yaml');

/** The config file: prod's secrets from the environment; the other primary's from the vault (desktop) or the environment. */
function writeConfig(vault: boolean): void {
  const otherRead = vault ? '${vault:primary.other.read}' : '${env:BB_OTHER_TOKEN}';
  const otherAdmin = vault ? '${vault:primary.other.admin}' : '${env:BB_OTHER_PASSWORD}';
  writeFileSync(
    configPath(),
    `pollIntervalSeconds: 3600
primaries:
  - id: prod
    name: Prod
    baseUrl: ${prodOrigin.url}
    read: { token: "\${env:BB_READ_TOKEN}" }
    admin: { username: ${ADMIN_USER}, password: "\${env:BB_ADMIN_PASSWORD}" }
  - id: other
    name: Other
    baseUrl: ${otherOrigin.url}
    read: { token: "${otherRead}" }
    admin: { username: ${ADMIN_USER}, password: "${otherAdmin}" }
storage:
  - id: shared-home
    name: Shared home
    gluster: { local: { command: ${JSON.stringify(fakeGluster)} } }
`,
  );
}

/**
 * The process environment. With a vault the other primary's secrets are there only: a BB_ variable
 * the file does not use is one a request may name (the documented prefix), so it is no stored secret.
 */
const env = (vault: boolean): NodeJS.ProcessEnv => ({
  BB_READ_TOKEN: SECRETS.prodRead,
  BB_ADMIN_PASSWORD: SECRETS.prodAdmin,
  ...(vault ? {} : { BB_OTHER_TOKEN: SECRETS.otherRead, BB_OTHER_PASSWORD: SECRETS.otherAdmin }),
  OTHER_SECRET: SECRETS.unrelated,
  FLEETSCOPE_TOKEN: TOKEN,
  PATH: process.env.PATH,
});

/** How a secret could travel: as itself, in a Basic header, or percent-encoded in a URL. */
const forms = (secret: string): string[] => [secret, Buffer.from(`${ADMIN_USER}:${secret}`).toString('base64'), Buffer.from(secret).toString('base64')];
const seen = (requests: Captured[]): string => requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`).join('\n');

function expectOnlyOwnSecrets(after: string): void {
  const own = new Map<Capture, string[]>([
    [prodOrigin, [SECRETS.prodRead, SECRETS.prodAdmin]],
    [otherOrigin, [SECRETS.otherRead, SECRETS.otherAdmin]],
    [attacker, []],
  ]);
  const all = [...Object.values(SECRETS), TOKEN];
  for (const [listener, allowed] of own) {
    const text = seen(listener.requests);
    for (const secret of all.filter((s) => !allowed.includes(s))) {
      for (const form of forms(secret)) expect(text.includes(form), `${secret} reached ${listener.url} after ${after}`).toBe(false);
    }
  }
  const credentialed = attacker.requests.filter((r) => r.headers.authorization !== undefined || r.headers['proxy-authorization'] !== undefined);
  expect(credentialed, `a credential reached the attacker after ${after}`).toEqual([]);
}

function expectOnlyConfiguredCommand(after: string): void {
  expect(
    spawned.filter((c) => c !== fakeGluster),
    `started after ${after}`,
  ).toEqual([]);
}

const surface = (): AttackSurface => ({
  attackerUrl: attacker.url,
  ownOrigins: [prodOrigin.url, otherOrigin.url],
  envNames: ['OTHER_SECRET', 'BB_READ_TOKEN', 'BB_OTHER_TOKEN', 'FLEETSCOPE_TOKEN'],
  vaultNames: ['primary.other.read', 'primary.other.admin', 'primary.prod.read'],
  commands: [evilGluster, 'sh -c id', `gluster; touch ${join(dir, 'evil-ran')}`, 'gluster $(id)'],
});

/** Polls every primary the running engine watches, so a redirected target would now be sent its credentials. */
async function pollEverything(host: FleetHost): Promise<void> {
  for (const p of host.engine.snapshot().primaries) await pollAndWait(host, p.id);
}

interface Pass {
  name: string;
  start(): Promise<{ host: FleetHost; call(name: RequestName, args: unknown): Promise<unknown>; stop(): Promise<void> }>;
}

const passes: Pass[] = [
  {
    // Browser mode, as a client holding only the page's token would call it: over HTTP.
    name: 'browser mode over HTTP',
    async start() {
      writeConfig(false);
      const host = await startFleetHost({
        configPath: configPath(),
        dataDir: ':memory:',
        shell: 'browser mode',
        log: quiet,
        engine: { publishDelayMs: 0, actionRepollTimeoutMs: 1000, env: env(false), requestBudget: BACK_TO_BACK_BUDGET },
      });
      const server: RunningServer = await startServer({ host, staticDir: '/nonexistent', port: 0, token: TOKEN });
      return {
        host,
        call: async (name, args) => {
          const res = await fetch(`${server.url}api/${name}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
            body: JSON.stringify(args),
          });
          return res.json();
        },
        stop: async () => {
          await server.close();
          await host.stop();
        },
      };
    },
  },
  {
    // The desktop with a vault, as a compromised renderer would call it: the one dispatch. The person
    // asked to confirm a command line says no (an attacker's command is what they would be shown).
    name: 'desktop with a vault',
    async start() {
      writeConfig(true);
      const secrets: SecretStore = memorySecretStore();
      await secrets.set('primary.other.read', SECRETS.otherRead);
      await secrets.set('primary.other.admin', SECRETS.otherAdmin);
      const host = await startFleetHost({
        configPath: configPath(),
        dataDir: ':memory:',
        shell: 'desktop',
        secrets,
        confirmCommand: async () => false,
        log: quiet,
        engine: { publishDelayMs: 0, actionRepollTimeoutMs: 1000, env: env(true), requestBudget: BACK_TO_BACK_BUDGET },
      });
      return { host, call: (name, args) => host.dispatch(name, args), stop: () => host.stop() };
    },
  },
];

/** A variant as a short line for a failure message (the oversized and deep ones cut short). */
const show = (args: unknown): string => {
  try {
    return JSON.stringify(args).slice(0, 300);
  } catch {
    return '(too deep to print)';
  }
};

const quiet = { warn: () => undefined, error: () => undefined };

describe.each(passes.map((p) => [p.name, p] as const))('every contract request, adversarial arguments: %s', (_, pass) => {
  it('the detectors see what they look for: each origin gets its own credentials, the configured gluster is run', async () => {
    for (const listener of [prodOrigin, otherOrigin, attacker]) listener.requests.splice(0);
    spawned.splice(0);
    const running = await pass.start();
    try {
      await running.host.engine.firstPoll();
      await pollEverything(running.host);
    } finally {
      await running.stop();
    }
    expect(seen(prodOrigin.requests)).toContain(`Bearer ${SECRETS.prodRead}`);
    expect(seen(otherOrigin.requests)).toContain(`Bearer ${SECRETS.otherRead}`);
    expect(spawned).toContain(fakeGluster);
    expectOnlyOwnSecrets('a start and a poll');
  });

  it.each(REQUEST_NAMES.map((n) => [n]))(
    '%s leaks no stored secret and runs no other program',
    async (name) => {
      for (const listener of [prodOrigin, otherOrigin, attacker]) listener.requests.splice(0);
      spawned.splice(0);
      const running = await pass.start();
      try {
        const variants = adversarialVariants(VALID_ARGS[name], surface());
        expect(variants.length).toBeGreaterThan(20);
        for (const args of variants) {
          await running.call(name, args);
          const after = `${name} ${show(args)}`;
          expectOnlyOwnSecrets(after);
          expectOnlyConfiguredCommand(after);
        }
        // Whatever those calls changed, the engine now polls with it; the host still answers.
        await pollEverything(running.host);
        const snapshot = await running.call('getSnapshot', {});
        expect(JSON.stringify(snapshot)).toContain('generatedAt');
      } finally {
        await running.stop();
      }
      expectOnlyOwnSecrets(`${name} and a poll of everything`);
      expectOnlyConfiguredCommand(`${name} and a poll of everything`);
    },
    60_000,
  );
});

describe('a secret stays bound after its primary is gone from the file', () => {
  it.each(passes.map((p) => [p.name, p] as const))(
    '%s: removing prod, or importing a file without it, does not free ${env:BB_READ_TOKEN} for another origin',
    async (_, pass) => {
      for (const listener of [prodOrigin, otherOrigin, attacker]) listener.requests.splice(0);
      const running = await pass.start();
      const stolen = { id: 'x', name: 'X', baseUrl: attacker.url, read: { kind: 'token', token: { env: 'BB_READ_TOKEN' } }, admin: { kind: 'none' } };
      try {
        expect(await running.call('removePrimary', { id: 'prod' })).not.toHaveProperty('error');
        for (const name of ['testConnection', 'savePrimary'] as const) {
          expect(JSON.stringify(await running.call(name, { primary: stolen }))).toMatch(/BB_READ_TOKEN\} is the secret of prod and is only sent to/);
        }
        expect(await running.call('importConfig', { yaml: 'primaries: []' })).not.toHaveProperty('error');
        const yaml = `primaries: [{ id: x, name: X, baseUrl: "${attacker.url}", read: { token: "\${env:BB_READ_TOKEN}" } }]`;
        expect(JSON.stringify(await running.call('importConfig', { yaml }))).toMatch(/is the secret of prod/);
        await pollEverything(running.host);
      } finally {
        await running.stop();
      }
      expectOnlyOwnSecrets('removing prod, then asking for its variable elsewhere');
    },
  );
});

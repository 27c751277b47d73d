import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { CollectorLink, HostLink } from '../../../shared/model';
import { memorySecretStore, type SecretStore } from '../../../electron/engine/secrets/secret-store';
import { COLLECTOR_TOKEN_NAME } from '../../../electron/host/app-settings';
import { startDesktopHost, type DesktopHostOptions } from '../../../electron/host/desktop-host';
import { createDispatch } from '../../../electron/host/dispatch';
import type { HostCore } from '../../../electron/host/host-types';
import type { RemoteHost, RemoteHostOptions } from '../../../electron/host/remote-host';
import { fakeHandlers } from '../../helpers/fake-handlers';

const TOKEN = 'team-admin-token-0123456789';

/** A host answering getSnapshot with its own name, so a test can tell which one answered. */
function fakeHost(name: string): HostCore & { emit: <E extends EventName>(e: E, p: EventPayload<E>) => void; stop: ReturnType<typeof vi.fn> } {
  const events = new EventEmitter();
  const dispatch = createDispatch(fakeHandlers({ getSession: async () => ({ name, role: 'admin' }), getSnapshot: async () => ({ from: name }) as never }), {
    warn: vi.fn(),
    error: vi.fn(),
  });
  return {
    dispatch,
    on: (event, listener) => {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
    emit: (event, payload) => events.emit(event, payload),
    stop: vi.fn(async () => undefined),
  };
}

function fakeRemote(opts: RemoteHostOptions): RemoteHost & ReturnType<typeof fakeHost> {
  const host = fakeHost('collector');
  const link: CollectorLink = {
    mode: 'collector',
    switchable: opts.switchable ?? false,
    url: new URL(opts.url).origin,
    name: new URL(opts.url).hostname,
    caFile: opts.caFile ?? null,
    tokenName: 'alice',
    role: 'viewer',
    state: 'live',
    lastContactAt: 1_000,
    message: null,
  };
  return { ...host, link: () => link };
}

let dir: string;
let secrets: SecretStore;
let locals: ReturnType<typeof fakeHost>[];
let remotes: { options: RemoteHostOptions; host: ReturnType<typeof fakeRemote> }[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleetscope-desktop-host-'));
  secrets = memorySecretStore();
  locals = [];
  remotes = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settingsFile = (): string => join(dir, 'desktop-settings.json');

const start = (over: Partial<DesktopHostOptions> = {}) =>
  startDesktopHost({
    settingsFile: settingsFile(),
    secrets,
    fleetNamed: false,
    startLocal: async () => {
      const host = fakeHost(`local ${locals.length + 1}`);
      locals.push(host);
      return host;
    },
    startRemote: async (options) => {
      const host = fakeRemote(options);
      remotes.push({ options, host });
      return host;
    },
    log: vi.fn(),
    ...over,
  });

const linkOf = async (host: HostCore): Promise<HostLink> => {
  const outcome = await host.dispatch('getHostLink', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as HostLink;
};
const sessionOf = async (host: HostCore): Promise<unknown> => {
  const outcome = await host.dispatch('getSession', {});
  return outcome.ok ? outcome.value : outcome.error;
};

describe('the desktop host', () => {
  it('polls the fleet itself when nothing was saved, and Settings may switch it', async () => {
    const host = await start();
    expect(await linkOf(host)).toEqual({ mode: 'local', switchable: true, message: null });
    expect(await sessionOf(host)).toEqual({ name: 'local 1', role: 'admin' });
    expect(remotes).toHaveLength(0);
    await host.stop();
    expect(locals[0]!.stop).toHaveBeenCalledOnce();
  });

  it('connects to a team collector: token in the vault only, the choice in the settings file, requests and events from the collector', async () => {
    const host = await start();
    const pushed: string[] = [];
    host.on('snapshot', () => pushed.push('snapshot'));
    host.on('hostLink', (l) => pushed.push(`hostLink ${l.mode}`));

    const outcome = await host.dispatch('connectCollector', { url: 'https://collector.example.com:4780/', token: TOKEN, caFile: '/etc/ssl/team-ca.pem' });
    expect(outcome).toMatchObject({ ok: true, value: { mode: 'collector', switchable: true, url: 'https://collector.example.com:4780', role: 'viewer' } });
    expect(remotes[0]!.options).toMatchObject({
      url: 'https://collector.example.com:4780/',
      token: TOKEN,
      caFile: '/etc/ssl/team-ca.pem',
      startDisconnected: false,
    });
    expect(secrets.get(COLLECTOR_TOKEN_NAME)).toBe(TOKEN);
    const file = readFileSync(settingsFile(), 'utf8');
    expect(JSON.parse(file)).toEqual({ version: 1, collector: { url: 'https://collector.example.com:4780/', caFile: '/etc/ssl/team-ca.pem' } });
    expect(file).not.toContain(TOKEN);
    expect(locals[0]!.stop).toHaveBeenCalledOnce();
    expect(pushed).toEqual(['snapshot', 'hostLink collector']);

    expect(await sessionOf(host)).toEqual({ name: 'collector', role: 'admin' });
    // Only the running host's events reach the window.
    locals[0]!.emit('demo', { primaries: [] } as never);
    remotes[0]!.host.emit('hostLink', remotes[0]!.host.link());
    expect(pushed).toEqual(['snapshot', 'hostLink collector', 'hostLink collector']);
    await host.stop();
  });

  it('connects again at the next start, even before the collector answers', async () => {
    const first = await start();
    await first.dispatch('connectCollector', { url: 'https://collector.example.com/', token: TOKEN });
    await first.stop();

    const next = await start();
    expect(remotes[1]!.options).toMatchObject({ url: 'https://collector.example.com/', token: TOKEN, startDisconnected: true, switchable: true });
    expect(remotes[1]!.options.caFile).toBeUndefined();
    expect(locals).toHaveLength(1);
    expect((await linkOf(next)).mode).toBe('collector');
    await next.stop();
  });

  it('switches back to polling: the token leaves the vault and the next start polls', async () => {
    const host = await start();
    await host.dispatch('connectCollector', { url: 'https://collector.example.com/', token: TOKEN });
    const back = await host.dispatch('disconnectCollector', {});
    expect(back).toEqual({ ok: true, value: { mode: 'local', switchable: true, message: null } });
    expect(remotes[0]!.host.stop).toHaveBeenCalledOnce();
    expect(secrets.has(COLLECTOR_TOKEN_NAME)).toBe(false);
    expect(await sessionOf(host)).toEqual({ name: 'local 2', role: 'admin' });
    await host.stop();

    const next = await start();
    expect((await linkOf(next)).mode).toBe('local');
    expect(remotes).toHaveLength(1);
    await next.stop();
  });

  it('keeps polling and saves nothing when the collector cannot be used', async () => {
    const host = await start({
      startRemote: () => Promise.reject(new Error('Cannot use the team collector at https://collector.example.com: refused the token.')),
    });
    const outcome = await host.dispatch('connectCollector', { url: 'https://collector.example.com/', token: TOKEN });
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'network', message: 'Cannot use the team collector at https://collector.example.com: refused the token. Nothing changed.' },
    });
    expect(secrets.has(COLLECTOR_TOKEN_NAME)).toBe(false);
    expect(() => readFileSync(settingsFile())).toThrow();
    expect((await linkOf(host)).mode).toBe('local');
    expect(locals[0]!.stop).not.toHaveBeenCalled();
    await host.stop();
  });

  it('refuses plain http to another machine, a token in the address, and connecting without a vault', async () => {
    const host = await start();
    const plain = await host.dispatch('connectCollector', { url: 'http://collector.example.com/', token: TOKEN });
    expect(plain).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('https://') } });
    const userinfo = await host.dispatch('connectCollector', { url: 'https://me:pw@collector.example.com/', token: TOKEN });
    expect(userinfo).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const empty = await host.dispatch('connectCollector', { url: 'https://collector.example.com/' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await host.stop();

    const noVault = await start({ secrets: undefined, secretsUnavailableReason: 'No keyring is running.' });
    const refused = await noVault.dispatch('connectCollector', { url: 'https://collector.example.com/', token: TOKEN });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-available', message: expect.stringContaining('No keyring is running.') } });
    expect(remotes).toHaveLength(0);
    await noVault.stop();
  });

  it('polls what the command line names, and says why when the saved token is gone', async () => {
    writeFileSync(settingsFile(), JSON.stringify({ version: 1, collector: { url: 'https://collector.example.com/', caFile: null } }));
    await secrets.set(COLLECTOR_TOKEN_NAME, TOKEN);
    const named = await start({ fleetNamed: true });
    expect((await linkOf(named)).mode).toBe('local');
    await named.stop();

    await secrets.delete(COLLECTOR_TOKEN_NAME);
    const gone = await start();
    expect(await linkOf(gone)).toEqual({
      mode: 'local',
      switchable: true,
      message: expect.stringContaining("its token is not in this desktop's vault any more"),
    });
    expect(remotes).toHaveLength(0);
    await gone.stop();
  });

  it('refuses a damaged settings file by name', async () => {
    writeFileSync(settingsFile(), '{"version": 7}');
    await expect(start()).rejects.toThrow(/desktop-settings\.json is not one Fleetscope wrote/);
  });
});

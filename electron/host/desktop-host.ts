import { EventEmitter } from 'node:events';
import { EVENT_NAMES, FleetApiError, requestSchemas, type EventName, type EventPayload, type Outcome, type ParsedArgs } from '../../shared/contract';
import type { HostLink } from '../../shared/model';
import type { SecretStore } from '../engine/secrets/secret-store';
import { COLLECTOR_TOKEN_NAME, readAppSettings, writeAppSettings, type AppSettings } from './app-settings';
import type { Dispatch } from './dispatch';
import type { HostCore } from './host-types';
import { startRemoteHost, type RemoteHost, type RemoteHostOptions } from './remote-host';

export interface DesktopHostOptions {
  /** The desktop's settings file (where the fleet comes from); the token is in `secrets`. */
  settingsFile: string;
  /** The vault; without it the desktop cannot keep a collector's token and only polls. */
  secrets: SecretStore | undefined;
  /** Why there is no vault, to say when connecting is refused for want of one. */
  secretsUnavailableReason?: string | undefined;
  /** The command line named a fleet (--config, --demo): this start polls it whatever Settings saved. */
  fleetNamed: boolean;
  /** Starts the engine that polls the fleet here (launchHost's choice of config or demo). */
  startLocal: () => Promise<HostCore>;
  startRemote?: (options: RemoteHostOptions) => Promise<RemoteHost>;
  log: (line: string) => void;
}

type Current = { host: HostCore; link: () => HostLink; detach: () => void };

const DESKTOP_HINTS = { token: 'enter a new one in Settings', ca: 'choose its CA file in Settings' };
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The desktop's host: its own engine polling the fleet, or a team collector's client, as Settings
 * chose (kept in the desktop settings file, the token in the vault, so the next start connects
 * again). The link requests are answered here; every other request goes to whichever host runs
 * now, and its events are relayed, so IPC and the window never see a switch but its snapshot.
 */
export async function startDesktopHost(opts: DesktopHostOptions): Promise<HostCore> {
  const startRemote = opts.startRemote ?? startRemoteHost;
  const events = new EventEmitter();
  const relay = (host: HostCore): (() => void) => {
    const offs = EVENT_NAMES.map((event) => host.on(event, (payload) => events.emit(event, payload)));
    return () => offs.forEach((off) => off());
  };
  const local = async (message: string | null = null): Promise<Current> => {
    const host = await opts.startLocal();
    const link: HostLink = { mode: 'local', switchable: true, message };
    return { host, link: () => link, detach: relay(host) };
  };
  const remote = (host: RemoteHost): Current => ({ host, link: () => host.link(), detach: relay(host) });
  const connectTo = (c: { url: string; token: string; caFile?: string | undefined }, startDisconnected: boolean): Promise<RemoteHost> =>
    startRemote({ ...c, switchable: true, startDisconnected, hints: DESKTOP_HINTS, log: opts.log });

  let current = await first();
  let switching: Promise<unknown> = Promise.resolve();

  async function first(): Promise<Current> {
    const saved = readAppSettings(opts.settingsFile).collector;
    if (!saved || opts.fleetNamed) return local();
    const token = opts.secrets?.get(COLLECTOR_TOKEN_NAME);
    if (token === undefined) {
      const why = opts.secrets ? "its token is not in this desktop's vault any more" : (opts.secretsUnavailableReason ?? 'this desktop has no vault');
      return local(`Settings chose the team collector at ${saved.url}, but ${why}: connect to it again below.`);
    }
    try {
      // Opens even when the collector is away: the banner says so and the stream keeps trying.
      return remote(await connectTo({ url: saved.url, token, caFile: saved.caFile ?? undefined }, true));
    } catch (err) {
      return local(`Could not use the team collector at ${saved.url} (${(err as Error).message}); polling the fleet here until you connect again below.`);
    }
  }

  /** Makes `next` the host, retires the old one, and tells the page: a fresh snapshot and link. */
  const swap = async (next: Current): Promise<HostLink> => {
    const old = current;
    old.detach();
    current = next;
    await old.host.stop();
    const snapshot = await next.host.dispatch('getSnapshot', {});
    if (snapshot.ok) events.emit('snapshot', snapshot.value);
    events.emit('hostLink', next.link());
    return next.link();
  };

  const connect = async ({ url, token, caFile }: ParsedArgs<'connectCollector'>): Promise<HostLink> => {
    if (!opts.secrets) {
      throw new FleetApiError(
        'not-available',
        `The collector's token must be kept in the vault, and there is none: ${opts.secretsUnavailableReason ?? 'this desktop has no vault'}`,
      );
    }
    const address = collectorUrl(url);
    const host = await connectTo({ url: address, token, caFile: caFile || undefined }, false).catch((err: unknown) => {
      throw new FleetApiError('network', `${(err as Error).message} Nothing changed.`);
    });
    const settings: AppSettings = { version: 1, collector: { url: address, caFile: caFile || null } };
    try {
      await opts.secrets.set(COLLECTOR_TOKEN_NAME, token);
      await writeAppSettings(opts.settingsFile, settings);
    } catch (err) {
      await host.stop();
      throw new FleetApiError('internal', `Could not save the connection (${(err as Error).message}); nothing changed.`);
    }
    opts.log(`Watching the team collector at ${host.link().url} as ${host.link().tokenName} (${host.link().role}); this desktop polls nothing itself.`);
    return swap(remote(host));
  };

  const disconnect = async (): Promise<HostLink> => {
    if (current.link().mode === 'local') return current.link();
    const next = await local().catch((err: unknown) => {
      throw new FleetApiError('internal', `Could not start polling the fleet here (${(err as Error).message}); still watching the team collector.`);
    });
    await writeAppSettings(opts.settingsFile, { version: 1, collector: null });
    await opts.secrets?.delete(COLLECTOR_TOKEN_NAME);
    opts.log('Polling the fleet here again; the team collector is no longer used.');
    return swap(next);
  };

  /** One switch at a time: a second click waits for the first to finish, then runs. */
  const serial = <T>(fn: () => Promise<T>): Promise<Outcome<unknown>> => {
    const run = switching.then(fn, fn);
    switching = run.catch(() => undefined);
    return run.then(
      (value) => ({ ok: true, value }),
      (err: unknown) => ({
        ok: false,
        error: err instanceof FleetApiError ? err.toJSON() : { code: 'internal', message: err instanceof Error ? err.message : String(err) },
      }),
    );
  };

  const dispatch: Dispatch = async (name, rawArgs, caller) => {
    if (name === 'getHostLink') return { ok: true, value: current.link() };
    if (name === 'disconnectCollector') return serial(disconnect);
    if (name === 'connectCollector') {
      const args = requestSchemas.connectCollector.args.safeParse(rawArgs ?? {});
      if (!args.success)
        return { ok: false, error: { code: 'invalid-argument', message: `Invalid arguments for connectCollector: ${args.error.issues[0]?.message}` } };
      return serial(() => connect(args.data));
    }
    return current.host.dispatch(name, rawArgs, caller);
  };

  return {
    dispatch,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    stop: async () => {
      await switching;
      current.detach();
      events.removeAllListeners();
      await current.host.stop();
    },
  };
}

/** The collector's address as typed, checked: HTTPS, or plain HTTP on this machine only (the token travels in it). */
function collectorUrl(typed: string): string {
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw new FleetApiError('invalid-argument', `"${typed}" is not a URL: give the collector's address, e.g. https://fleetscope.example.com:4780/.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new FleetApiError(
      'invalid-argument',
      `The collector's address must start with https:// (the token is sent with every request); plain http is only for this machine.`,
    );
  }
  if (url.username || url.password) throw new FleetApiError('invalid-argument', 'Give the token in its own field, not in the address.');
  return url.href;
}

import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createParser } from 'eventsource-parser';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import {
  LONG_REQUEST_TIMEOUT_MS,
  apiErrorSchema,
  eventSchemas,
  requestSchemas,
  type ApiError,
  type EventName,
  type EventPayload,
  type Outcome,
} from '../../shared/contract';
import type { CollectorLink, Snapshot } from '../../shared/model';
import { fullJitterBackoff } from '../../shared/logic/backoff';
import { createSnapshotReceiver } from '../../shared/logic/snapshot-receiver';
import type { Dispatch } from './dispatch';
import { isRequestName } from '../../shared/contract/names';
import { LINK_FIXED_BY_COMMAND_LINE } from './host-link';

/** Contact alone (no change of state) is pushed to the page at most this often. */
const CONTACT_PUSH_MS = 5_000;

export interface CollectorConnection {
  /** The collector's address, e.g. `https://fleetscope.example.com:4780/`. */
  url: string;
  /** A token of that collector (admin or viewer); its role decides what this Fleetscope may do. */
  token: string;
  /** A CA certificate (PEM file) to trust beside the default roots, for a collector with a private CA. */
  caFile?: string | undefined;
}

export interface RemoteHostOptions extends CollectorConnection {
  log?: (line: string) => void;
  /** Reconnect delays of the event stream: first ceiling and largest ceiling, in ms. */
  backoff?: { baseMs: number; capMs: number };
  /** Reconnect when nothing (not even a heartbeat) arrived for this long. */
  idleTimeoutMs?: number;
  random?: () => number;
  requestTimeoutMs?: number;
  /** Whether Settings may change this link (the desktop) or the command line chose it (`serve --collector`). */
  switchable?: boolean;
  /**
   * Start even when the collector cannot be reached or refuses the token, and keep retrying: the
   * desktop, which must still open to say so (and let Settings switch back). `serve --collector`
   * refuses to start instead.
   */
  startDisconnected?: boolean;
  /** Where the user gives a new token and a CA file, for the refusal texts. */
  hints?: { token: string; ca: string };
  now?: () => number;
}

/** A host whose engine is a team collector: the same dispatch and events, carried over HTTPS + SSE. */
export interface RemoteHost {
  readonly dispatch: Dispatch;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Where the fleet comes from, as the banner shows it: the collector, the token's role, the last contact. */
  link(): CollectorLink;
  stop(): Promise<void>;
}

const fail = (code: ApiError['code'], message: string): Outcome<never> => ({ ok: false, error: { code, message } });

/**
 * Connects to a team collector (`fleetscope serve` elsewhere) and serves its fleet as this host's
 * own: every request is sent to it with the collector's token (so its role and name are what the
 * collector checks and audits), every answer is checked against the contract, and one event
 * stream is kept open with full-jitter backoff, a fresh snapshot pushed after each reconnect.
 * Node-side, apart from the renderer's bridge, because it trusts a private CA through undici.
 */
export async function startRemoteHost(opts: RemoteHostOptions): Promise<RemoteHost> {
  const base = new URL(opts.url);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error(`The collector URL must start with https:// (not ${base.protocol}).`);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const api = new URL('api/', base);
  const dispatcher: Dispatcher = new Agent(opts.caFile ? { connect: { ca: readCa(opts.caFile) } } : {});
  const headers = { authorization: `Bearer ${opts.token}` };
  const timeoutMs = opts.requestTimeoutMs ?? 30_000;
  const events = new EventEmitter();
  const stopped = new AbortController();
  const now = opts.now ?? Date.now;
  const hints = opts.hints ?? { token: 'set FLEETSCOPE_COLLECTOR_TOKEN', ca: 'give its CA with --collector-ca FILE' };
  let link: CollectorLink = {
    mode: 'collector',
    switchable: opts.switchable ?? false,
    url: base.origin,
    name: base.hostname,
    caFile: opts.caFile ?? null,
    tokenName: null,
    role: null,
    state: 'reconnecting',
    lastContactAt: null,
    message: `Connecting to the team collector at ${base.origin}…`,
  };
  let pushedContactAt = 0;
  const update = (change: Partial<CollectorLink>): void => {
    const next = { ...link, ...change };
    const moved = next.state !== link.state || next.message !== link.message || next.role !== link.role || next.tokenName !== link.tokenName;
    link = next;
    if (moved || (link.lastContactAt ?? 0) - pushedContactAt >= CONTACT_PUSH_MS) {
      pushedContactAt = link.lastContactAt ?? 0;
      events.emit('hostLink', link);
    }
  };
  const contact = (): void => update({ lastContactAt: now() });
  const refused = (): string => {
    const message = unauthorized(base, hints.token);
    update({ state: 'refused', message });
    return message;
  };

  const dispatch: Dispatch = async (name, rawArgs) => {
    if (!isRequestName(name)) return fail('not-found', `No such request "${name}".`);
    // Where this host's fleet comes from is this host's own answer, never the collector's.
    if (name === 'getHostLink') return { ok: true, value: link };
    if (name === 'connectCollector' || name === 'disconnectCollector') return fail('not-available', LINK_FIXED_BY_COMMAND_LINE);
    const snapshot = name === 'getSnapshot';
    // The stream's own latest keeps one order: a GET answered after a push still in flight was
    // newer than that push, and the page would step back to it.
    if (snapshot && streamed) return { ok: true, value: streamed };
    let res: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      res = await undiciFetch(new URL(snapshot ? 'snapshot' : name, api), {
        method: snapshot ? 'GET' : 'POST',
        headers: snapshot ? headers : { ...headers, 'content-type': 'application/json' },
        ...(snapshot ? {} : { body: JSON.stringify(rawArgs ?? {}) }),
        dispatcher,
        signal: AbortSignal.any([AbortSignal.timeout(LONG_REQUEST_TIMEOUT_MS[name] ?? timeoutMs), stopped.signal]),
      });
    } catch (err) {
      const cause = causeOf(err);
      if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(cause)) {
        return fail('tls', `The team collector at ${base.origin} presents a certificate this machine does not trust (${cause}); ${hints.ca}.`);
      }
      return fail('network', `The team collector at ${base.origin} cannot be reached (${cause}); check that it runs and that this machine can reach it.`);
    }
    contact();
    const body = await res.json().catch(() => undefined);
    if (!res.ok) {
      const envelope = apiErrorSchema.safeParse((body as { error?: unknown } | undefined)?.error);
      if (res.status === 401) return fail('auth', refused());
      return envelope.success ? { ok: false, error: envelope.data } : fail('internal', `The team collector answered HTTP ${res.status} to ${name}.`);
    }
    const parsed = requestSchemas[name].result.safeParse(body);
    if (!parsed.success)
      return fail('internal', `The team collector's answer to ${name} does not match this Fleetscope's contract; are both the same version?`);
    return { ok: true, value: parsed.data };
  };

  // The collector pushes a full snapshot when a stream opens, then patches: they become whole
  // snapshots here, so the page behind this host sees the same events as from a local engine.
  const snapshots = createSnapshotReceiver();
  /** The latest whole snapshot of the open stream; null while there is none. */
  let streamed: Snapshot | null = null;

  const stream = async (): Promise<void> => {
    const backoff = opts.backoff ?? { baseMs: 1000, capMs: 15_000 };
    const idleMs = opts.idleTimeoutMs ?? 45_000;
    let attempt = 0;
    while (!stopped.signal.aborted) {
      const connection = new AbortController();
      const abort = (): void => connection.abort();
      stopped.signal.addEventListener('abort', abort, { once: true });
      let reason = 'the event stream ended';
      try {
        const res = await undiciFetch(new URL('events', api), {
          headers: { ...headers, accept: 'text/event-stream' },
          dispatcher,
          signal: connection.signal,
        });
        if (res.status === 401) {
          // Retrying a refused token only fills the collector's log and trips its rate limit.
          opts.log?.(refused());
          return;
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        attempt = 0;
        snapshots.reset();
        if (link.role === null) await learnSession();
        update({ state: 'live', message: null, lastContactAt: now() });
        const parser = createParser({
          onEvent: (message) => {
            // The collector's own link says nothing about this host's: that one is pushed from here.
            if (message.event === 'snapshotPush') {
              const received = snapshots.receive(safeJson(message.data));
              if (received.kind === 'snapshot') {
                streamed = received.snapshot;
                events.emit('snapshot', received.snapshot);
              }
              if (received.kind !== 'resync') return;
              // A fresh stream starts with a full snapshot.
              opts.log?.(`Reconnecting to the team collector after ${received.reason}.`);
              abort();
              return;
            }
            if (message.event !== 'demo') return;
            const payload = eventSchemas.demo.safeParse(safeJson(message.data));
            if (payload.success) events.emit('demo', payload.data);
            else opts.log?.('Dropped a "demo" event from the team collector that does not match the contract.');
          },
        });
        const decoder = new TextDecoder();
        let watchdog = setTimeout(abort, idleMs);
        try {
          for await (const chunk of res.body) {
            contact();
            clearTimeout(watchdog);
            watchdog = setTimeout(abort, idleMs);
            parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
          }
        } finally {
          clearTimeout(watchdog);
        }
      } catch (err) {
        reason = connection.signal.aborted && !stopped.signal.aborted ? `nothing arrived for ${Math.round(idleMs / 1000)} s` : causeOf(err);
      } finally {
        streamed = null;
        stopped.signal.removeEventListener('abort', abort);
        connection.abort();
      }
      if (stopped.signal.aborted) return;
      const delay = fullJitterBackoff(attempt, backoff, opts.random);
      attempt += 1;
      const message = `Lost the team collector at ${base.origin} (${reason}); retrying in ${Math.max(1, Math.round(delay / 1000))} s.`;
      update({ state: 'reconnecting', message });
      opts.log?.(message);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        stopped.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  };

  /** Who the token is at the collector; its answer is the role the banner shows. */
  const learnSession = async (): Promise<Outcome<unknown>> => {
    const session = await dispatch('getSession', {});
    if (session.ok) {
      const { name, role } = session.value as { name: string; role: 'admin' | 'viewer' };
      update({ tokenName: name, role });
    }
    return session;
  };

  const session = await learnSession();
  if (!session.ok) {
    // Refuse to start against a collector that is not there or does not take the token, unless
    // the shell must open anyway to say so (the stream below keeps trying, the banner tells).
    if (!opts.startDisconnected) {
      await dispatcher.close();
      throw new Error(`Cannot use the team collector at ${base.origin}: ${session.error.message}`);
    }
    if (link.state !== 'refused') update({ message: `Cannot reach the team collector at ${base.origin}: ${session.error.message}` });
  }
  const running = link.state === 'refused' ? Promise.resolve() : stream();

  return {
    dispatch,
    link: () => link,
    on(event, listener) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    stop: async () => {
      stopped.abort();
      await running;
      events.removeAllListeners();
      await dispatcher.close();
    },
  };
}

const unauthorized = (base: URL, tokenHint: string): string =>
  `The team collector at ${base.origin} refused the token: ask whoever runs it for a token and ${tokenHint}.`;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the collector's CA file ${file}: ${(err as Error).message}`, { cause: err });
  }
}

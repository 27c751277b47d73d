// @vitest-environment jsdom
import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge, type Bridge } from '../../renderer/bridge/bridge';
import type { ConnectionState } from '../../renderer/bridge/connection';
import { FleetApiError } from '../../shared/contract';
import { makeDemoState, makePrimary, makeSnapshot } from './fixtures';

const encoder = new TextEncoder();

/** A response body the test writes into chunk by chunk, like a live SSE connection. */
const controlledStream = () => {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
  });
  return {
    stream,
    write: (bytes: Uint8Array) => controller.enqueue(bytes),
    close: () => controller.close(),
  };
};

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

type Route = (url: string, init: RequestInit | undefined) => Response | Promise<Response>;

const stubFetch = (route: Route) => {
  const fetchMock = vi.fn(async (input: string, init?: RequestInit) => route(input, init));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
};

const headerOf = (init: RequestInit | undefined, name: string): string | null => new Headers(init?.headers).get(name);

const quietLogger = () => ({ warn: vi.fn() });

const open = (logger = quietLogger(), idleTimeoutMs = 10_000): Bridge =>
  createBridge({ fleet: undefined, logger, sse: { minDelayMs: 1, maxDelayMs: 5, idleTimeoutMs, random: () => 0 } });

const statesOf = (bridge: Bridge): ConnectionState[] => {
  const seen: ConnectionState[] = [bridge.connection().state];
  // Consecutive duplicates are message updates ("retrying in 2 s"), not state changes.
  bridge.onConnection((s) => {
    if (seen.at(-1) !== s.state) seen.push(s.state);
  });
  return seen;
};

let bridges: Bridge[] = [];
const track = (bridge: Bridge): Bridge => {
  bridges.push(bridge);
  return bridge;
};

beforeEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  for (const b of bridges) b.close();
  bridges = [];
  vi.unstubAllGlobals();
});

describe('HTTP bridge: token', () => {
  it('moves the token from the URL hash to sessionStorage and sends it as a Bearer header', async () => {
    window.history.replaceState(null, '', '/?x=1#token=s3cr3t');
    const fetchMock = stubFetch(() => json(makeSnapshot()));
    const bridge = track(open());

    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?x=1');
    expect(sessionStorage.getItem('fleetscope.token')).toBe('s3cr3t');

    await bridge.getSnapshot({});
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/snapshot');
    expect(init?.method).toBe('GET');
    expect(headerOf(init, 'Authorization')).toBe('Bearer s3cr3t');
  });

  it('keeps other hash parameters and reuses the stored token after a reload', async () => {
    window.history.replaceState(null, '', '/#token=abc&panel=demo');
    stubFetch(() => json(makeSnapshot()));
    track(open());
    expect(window.location.hash).toBe('#panel=demo');

    const fetchMock = stubFetch(() => json(makeDemoState()));
    const reloaded = track(open());
    await reloaded.setDemoFault({ targetId: 'prod', fault: { kind: 'server-error' }, enabled: true });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/setDemoFault');
    expect(init?.method).toBe('POST');
    expect(headerOf(init, 'Authorization')).toBe('Bearer abc');
    expect(headerOf(init, 'Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ targetId: 'prod', fault: { kind: 'server-error' }, enabled: true });
  });
});

describe('HTTP bridge: requests', () => {
  it('turns the error envelope into a FleetApiError with its code', async () => {
    stubFetch(() => json({ error: { code: 'not-available', message: 'The demo fleet is not running.' } }, 409));
    const bridge = track(open());
    const error = await bridge.getDemoState({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetApiError);
    expect(error).toMatchObject({ code: 'not-available', message: 'The demo fleet is not running.' });
  });

  it('derives a code from the status when the body is not an envelope', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await track(open())
      .pollNow({})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'server-error' });
  });

  it('reports network failures and malformed answers with their own codes', async () => {
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(track(open()).getSnapshot({})).rejects.toMatchObject({ code: 'network' });

    stubFetch(() => json({ generatedAt: 'yesterday' }));
    await expect(track(open()).getSnapshot({})).rejects.toMatchObject({ code: 'malformed' });
  });

  it('a 401 on a request turns the connection unauthorized with the serve hint', async () => {
    stubFetch(() => json({ error: { code: 'auth', message: 'Missing token' } }, 401));
    const bridge = track(open());
    await expect(bridge.getSnapshot({})).rejects.toMatchObject({ code: 'auth' });
    expect(bridge.connection().state).toBe('unauthorized');
    expect(bridge.connection().message).toContain('fleetscope serve');
  });
});

describe('HTTP bridge: server-sent events', () => {
  const snapshot = makeSnapshot({ primaries: [makePrimary({ name: 'Zürich → primary' })] });
  const demo = makeDemoState();
  const full = (version: number, snap = snapshot): string => `event: snapshotPush\ndata: ${JSON.stringify({ kind: 'full', version, snapshot: snap })}\n\n`;
  const wire = [': keep-alive\n\n', full(1), `event: demo\r\ndata: ${JSON.stringify(demo)}\r\n\r\n`].join('');

  it.each([1, 2, 3, 7, 64, 4096])('parses events from chunks split every %i bytes', async (size) => {
    const body = controlledStream();
    const fetchMock = stubFetch((url) => (url === '/api/events' ? new Response(body.stream, { status: 200 }) : json({})));
    const bridge = track(open());
    const snapshots: unknown[] = [];
    const demos: unknown[] = [];
    bridge.on('snapshot', (s) => snapshots.push(s));
    bridge.on('demo', (d) => demos.push(d));

    await waitFor(() => expect(bridge.connection().state).toBe('live'));
    expect(headerOf(fetchMock.mock.calls[0]?.[1], 'Accept')).toBe('text/event-stream');
    const bytes = encoder.encode(wire);
    for (let i = 0; i < bytes.length; i += size) body.write(bytes.slice(i, i + size));

    await waitFor(() => expect(demos).toHaveLength(1));
    expect(snapshots).toEqual([snapshot]);
    expect(demos).toEqual([demo]);
  });

  it('drops and logs invalid or unknown events, keeps the valid ones', async () => {
    const body = controlledStream();
    stubFetch(() => new Response(body.stream, { status: 200 }));
    const logger = quietLogger();
    const bridge = track(open(logger));
    const snapshots: unknown[] = [];
    bridge.on('snapshot', (s) => snapshots.push(s));
    await waitFor(() => expect(bridge.connection().state).toBe('live'));

    body.write(encoder.encode('event: demo\ndata: {"speed":-1}\n\n'));
    body.write(encoder.encode('event: snapshotPush\ndata: not json\n\n'));
    body.write(encoder.encode('event: mystery\ndata: {}\n\n'));
    body.write(encoder.encode(full(1)));

    await waitFor(() => expect(snapshots).toHaveLength(1));
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });

  it('applies patches to the full copy, and reconnects for a fresh one when a patch does not fit', async () => {
    const first = controlledStream();
    const second = controlledStream();
    const fetchMock = stubFetch(() => new Response(fetchMock.mock.calls.length === 1 ? first.stream : second.stream, { status: 200 }));
    const logger = quietLogger();
    const bridge = track(open(logger));
    const snapshots: Array<{ generatedAt: number }> = [];
    bridge.on('snapshot', (s) => snapshots.push(s));
    await waitFor(() => expect(bridge.connection().state).toBe('live'));

    const patch = (base: number, generatedAt: number): string =>
      `event: snapshotPush\ndata: ${JSON.stringify({ kind: 'patch', base, version: base + 1, ops: [{ op: 's', p: ['generatedAt'], v: generatedAt }] })}\n\n`;
    first.write(encoder.encode(full(1) + patch(1, snapshot.generatedAt + 1)));
    await waitFor(() => expect(snapshots).toHaveLength(2));
    expect(snapshots[1]).toEqual({ ...snapshot, generatedAt: snapshot.generatedAt + 1 });

    first.write(encoder.encode(patch(5, snapshot.generatedAt + 9)));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/version 5 while this page holds version 2/));
    await waitFor(() => expect(bridge.connection().state).toBe('live'));
    second.write(encoder.encode(full(7, { ...snapshot, generatedAt: snapshot.generatedAt + 9 })));
    await waitFor(() => expect(snapshots).toHaveLength(3));
    expect(snapshots[2]?.generatedAt).toBe(snapshot.generatedAt + 9);
  });

  it('turns unauthorized on a 401 and stops retrying', async () => {
    const fetchMock = stubFetch(() => json({ error: { code: 'auth', message: 'Bad token' } }, 401));
    const bridge = track(open());
    const seen = statesOf(bridge);
    bridge.on('snapshot', () => undefined);
    await waitFor(() => expect(bridge.connection().state).toBe('unauthorized'));
    expect(bridge.connection().message).toMatch(/open the URL printed by “fleetscope serve”/);
    await new Promise((r) => setTimeout(r, 30));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['connecting', 'unauthorized']);
  });

  it('reconnects with backoff when the stream drops, then goes live again', async () => {
    const first = controlledStream();
    const second = controlledStream();
    let call = 0;
    const fetchMock = stubFetch(() => {
      call += 1;
      if (call === 1) return new Response(first.stream, { status: 200 });
      if (call === 2) throw new TypeError('connection refused');
      return new Response(second.stream, { status: 200 });
    });
    const bridge = track(open());
    const seen = statesOf(bridge);
    const snapshots: unknown[] = [];
    bridge.on('snapshot', (s) => snapshots.push(s));

    await waitFor(() => expect(bridge.connection().state).toBe('live'));
    first.close();
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3));
    await waitFor(() => expect(bridge.connection().state).toBe('live'));
    second.write(encoder.encode(full(1)));
    await waitFor(() => expect(snapshots).toHaveLength(1));
    expect(seen).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('reconnects when the stream goes quiet for longer than the idle timeout', async () => {
    const quiet = controlledStream();
    const next = controlledStream();
    const fetchMock = stubFetch(() => new Response(fetchMock.mock.calls.length === 1 ? quiet.stream : next.stream, { status: 200 }));
    const bridge = track(open(quietLogger(), 40));
    const seen = statesOf(bridge);
    const messages: (string | null)[] = [];
    bridge.onConnection((s) => messages.push(s.message));
    bridge.on('snapshot', () => undefined);
    // The second stream idles out too; only the first cycle matters here.
    await waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(4));
    expect(seen.slice(0, 4)).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    expect(messages[1]).toMatch(/^No data from the server for 0 s; retrying/);
  });
});

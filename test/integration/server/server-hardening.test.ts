import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetHost } from '../../../electron/host/host-types';
import { startServer, type RunningServer } from '../../../electron/server/server';
import type { Outcome } from '../../../shared/contract';

/** Findings 4 and 6 of issue 10, and the 405s of finding 9: browser mode under a hostile local client. */
const TOKEN = 'hardening-token-0123456789';
let server: RunningServer | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await server?.close();
  server = null;
});

function eventHost() {
  const ev = new EventEmitter();
  const host: Pick<FleetHost, 'dispatch' | 'on'> = {
    dispatch: async () => ({ ok: true, value: { generatedAt: 1 } }) as Outcome<unknown>,
    on: (e, l) => {
      ev.on(e, l as (p: unknown) => void);
      return () => void ev.off(e, l as (p: unknown) => void);
    },
  };
  return { host, ev };
}

/** A raw HTTP request from a client that then never reads what it is sent. */
function nonReadingClient(port: number, path: string, headers: Record<string, string>): Promise<{ socket: Socket; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    socket.once('error', reject);
    socket.once('data', (chunk: Buffer) => {
      socket.pause(); // from here on nothing is read: the kernel buffers fill, then the server's
      resolve({ socket, head: chunk.toString('latin1') });
    });
    const lines = Object.entries({ host: `127.0.0.1:${port}`, ...headers }).map(([k, v]) => `${k}: ${v}`);
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
}

const port = (s: RunningServer): number => Number(new URL(s.url).port);

describe('browser mode: Host, Origin, token', () => {
  it('refuses a token shorter than 16 characters at start, with the reason', async () => {
    const { host } = eventHost();
    await expect(startServer({ host, staticDir: '/nonexistent', port: 0, token: 't' })).rejects.toThrow(/FLEETSCOPE_TOKEN is 1 characters long.*at least 16/);
  });

  it('refuses a DNS-rebinding Host and a foreign Origin on every request, the page included', async () => {
    const { host } = eventHost();
    server = await startServer({ host, staticDir: '/nonexistent', port: 0, token: TOKEN });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const raw = async (headers: Record<string, string>, path = '/api/snapshot'): Promise<number> => {
      const { head } = await nonReadingClient(port(server!), path, headers);
      return Number(/^HTTP\/1\.1 (\d+)/.exec(head)![1]);
    };
    expect(await raw({ ...auth, host: `attacker.example:${port(server)}` })).toBe(403);
    expect(await raw({ host: `attacker.example:${port(server)}` }, '/')).toBe(403);
    expect(await raw({ ...auth, origin: 'http://attacker.example' })).toBe(403);
    expect(await raw({ ...auth, origin: `http://127.0.0.1:${port(server) + 1}` })).toBe(403);
    expect(await raw({ ...auth, 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(await raw({ ...auth, host: `localhost:${port(server)}` })).toBe(200);
    expect(await raw({ ...auth, origin: `http://localhost:${port(server)}` })).toBe(200);
    expect(await raw(auth)).toBe(200);
  });

  it('limits failed authentications per address and logs them without the token (clock injected)', async () => {
    const { host } = eventHost();
    let t = 0;
    const log: string[] = [];
    server = await startServer({
      host,
      staticDir: '/nonexistent',
      port: 0,
      token: TOKEN,
      auth: { now: () => t, burst: 5, refillMs: 1000 },
      log: (l) => log.push(l),
    });
    const get = (token: string) => fetch(`${server!.url}api/snapshot`, { headers: { authorization: `Bearer ${token}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await get(`guess-${i}-xxxxxxxxxxxx`)).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(45);
    // Even the right token waits out the penalty, so 429 says nothing about a guess.
    const limited = await get(TOKEN);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    t += 1000;
    expect((await get(TOKEN)).status).toBe(200);
    expect(log.some((l) => /Refused 1 request\(s\) from .*wrong token.*not logged/.test(l))).toBe(true);
    expect(log.join('\n')).not.toMatch(/guess-/);
  });

  it('answers 405 with an Allow header', async () => {
    const { host } = eventHost();
    server = await startServer({ host, staticDir: '/nonexistent', port: 0, token: TOKEN });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const cases: Array<[string, string, string]> = [
      ['POST', '/', 'GET, HEAD'],
      ['GET', '/api/getHistory', 'POST'],
      ['POST', '/api/snapshot', 'GET'],
      ['DELETE', '/api/events', 'GET'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await fetch(`${server.url}${path.slice(1)}`, { method, headers: auth });
      expect([method, path, res.status, res.headers.get('allow')]).toEqual([method, path, 405, allow]);
    }
  });
});

describe('server-sent events: bounded fan-out', () => {
  it('caps concurrent streams (503), drops a client that stops reading after its buffer, and leaks no listener', async () => {
    const { host, ev } = eventHost();
    const log: string[] = [];
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    server = await startServer({
      host,
      staticDir: '/nonexistent',
      port: 0,
      token: TOKEN,
      // Pushes uncoalesced, so the loop below fills the buffers without waiting a second a push.
      events: { maxClients: 12, maxBufferedBytes: 256 * 1024, feed: { minIntervalMs: 0 } },
      log: (l) => log.push(l),
    });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const clients = [];
    for (let i = 0; i < 12; i++) clients.push(await nonReadingClient(port(server), '/api/events', auth));
    expect(clients.every((c) => c.head.startsWith('HTTP/1.1 200'))).toBe(true);
    const over = await nonReadingClient(port(server), '/api/events', auth);
    expect(over.head).toMatch(/^HTTP\/1\.1 503/);
    expect(over.head).toMatch(/retry-after: 10/i);
    expect(ev.listenerCount('snapshot')).toBe(1);
    // Each push changes the whole blob, so each patch carries 64 KB.
    for (let i = 0; i < 400 && log.filter((l) => /Dropped a server-sent events client/.test(l)).length < 12; i++) {
      ev.emit('snapshot', { blob: String(i % 10).repeat(64 * 1024) });
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(log.filter((l) => /Dropped a server-sent events client that stopped reading/.test(l))).toHaveLength(12);
    expect(ev.listenerCount('snapshot')).toBe(0);
    const again = await nonReadingClient(port(server), '/api/events', auth);
    expect(again.head).toMatch(/^HTTP\/1\.1 200/);
    process.off('warning', onWarning);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('30 clients that never read, for 5 minutes of snapshots: RSS stays within 50 MB of its start figure', async () => {
    const { host, ev } = eventHost();
    const log: string[] = [];
    server = await startServer({ host, staticDir: '/nonexistent', port: 0, token: TOKEN, log: (l) => log.push(l), events: { feed: { minIntervalMs: 0 } } });
    const auth = { authorization: `Bearer ${TOKEN}` };
    for (let i = 0; i < 30; i++) await nonReadingClient(port(server), '/api/events', auth);
    // A demo snapshot is ~50 KB; pushes are at most one a second, so 5 minutes is 300. Twice that,
    // each twice the size, bounds it from above: the loop is bounded, not timed. Every leaf
    // changes between pushes, so each patch is as large as a full copy: the worst case.
    const snapshotAt = (n: number) => ({ primaries: Array.from({ length: 100 }, (_, i) => ({ id: `p${i}`, blob: String(n % 10).repeat(1000) })) });
    global.gc?.();
    const start = process.memoryUsage().rss;
    let peak = start;
    for (let i = 0; i < 600; i++) {
      ev.emit('snapshot', snapshotAt(i));
      // Lets the feed's timer (0 ms here) send this one before the next replaces it.
      await new Promise((r) => setTimeout(r, 0));
      if (i % 20 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    await new Promise((r) => setTimeout(r, 10));
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `SSE memory: RSS start ${(start / 1048576).toFixed(1)} MB, peak ${(peak / 1048576).toFixed(1)} MB, dropped ${log.filter((l) => /Dropped/.test(l)).length} of 30 clients`,
    );
    expect(peak - start).toBeLessThan(50 * 1024 * 1024);
    expect(log.filter((l) => /Dropped a server-sent events client/.test(l))).toHaveLength(30);
  });
});

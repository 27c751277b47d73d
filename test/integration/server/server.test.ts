import { fakeHandlers } from '../../helpers/fake-handlers';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetApiError } from '../../../shared/contract';
import type { Snapshot } from '../../../shared/model';
import { createDispatch } from '../../../electron/host/dispatch';
import { readSnapshotStream } from '../../helpers/snapshot-stream';
import type { FleetHost } from '../../../electron/host/host-types';
import { startServer, type RunningServer } from '../../../electron/server/server';

const snapshot: Snapshot = {
  generatedAt: 1,
  primaries: [],
  mirrorFarms: [],
  storage: [],
  alerts: [],
  engine: { startedAt: 0, pollIntervalSeconds: 15, demo: false },
};

function fakeHost(): Pick<FleetHost, 'dispatch' | 'on' | 'stop'> & { emit: (e: string, p: unknown) => void; calls: unknown[] } {
  const ev = new EventEmitter();
  const calls: unknown[] = [];
  const handlers = fakeHandlers({
    getSnapshot: async () => snapshot,
    getHistory: async (a) => {
      calls.push(a);
      return { points: [[1, 2]] };
    },
    pollNow: async () => ({ ok: true }),
    getDemoState: async () => {
      throw new FleetApiError('not-available', 'no demo here');
    },
    setDemoFault: async () => {
      throw new Error('boom');
    },
  });
  return {
    calls,
    emit: (e, p) => ev.emit(e, p),
    dispatch: createDispatch(handlers, { warn: () => undefined, error: () => undefined }),
    on: (e, l) => {
      ev.on(e, l);
      return () => ev.off(e, l);
    },
    stop: async () => undefined,
  };
}

let dir: string;
let server: RunningServer;
let host: ReturnType<typeof fakeHost>;
const auth = (): Record<string, string> => ({ authorization: `Bearer ${server.token}` });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-srv-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Fleetscope</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  host = fakeHost();
  server = await startServer({ host, staticDir: join(dir, 'renderer'), port: 0, token: 'tok-0123456789abcdef' });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The `{error: {code, message}}` body every failed call answers. */
async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('browser-mode server', () => {
  it('prints the ready line and binds to loopback', () => {
    expect(server.readyLine).toMatch(/^Fleetscope ready at http:\/\/127\.0\.0\.1:\d+\/#token=tok-0123456789abcdef$/);
  });

  it('requires the bearer token on every API call, refuses other origins and sends no CORS headers', async () => {
    const none = await fetch(`${server.url}api/snapshot`);
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe('auth');
    const wrong = await fetch(`${server.url}api/snapshot`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const evil = await fetch(`${server.url}api/snapshot`, { headers: { ...auth(), origin: 'http://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await fetch(`${server.url}api/snapshot`, { headers: { ...auth(), origin: server.url.replace(/\/$/, '') } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBeNull();
    expect(await ok.json()).toEqual(snapshot);
  });

  it('validates arguments (400), maps handler errors to statuses, and 404s unknown requests', async () => {
    const post = (name: string, body: string) =>
      fetch(`${server.url}api/${name}`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body });
    const bad = await post('getHistory', JSON.stringify({ targetId: 5 }));
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/targetId/) });
    const notJson = await post('getHistory', '{');
    expect(notJson.status).toBe(400);
    const good = await post('getHistory', JSON.stringify({ targetId: 'p', metric: 'repos.total', rangeSeconds: 60 }));
    expect(await good.json()).toEqual({ points: [[1, 2]] });
    expect(host.calls).toEqual([{ targetId: 'p', metric: 'repos.total', rangeSeconds: 60, maxPoints: 600 }]);
    const na = await post('getDemoState', '{}');
    expect(na.status).toBe(409);
    expect((await errorOf(na)).code).toBe('not-available');
    const boom = await post('setDemoFault', JSON.stringify({ targetId: 'p', fault: { kind: 'html-login' }, enabled: true }));
    expect(boom.status).toBe(500);
    expect(await errorOf(boom)).toEqual({ code: 'internal', message: 'boom' });
    expect((await post('nope', '{}')).status).toBe(404);
    expect((await fetch(`${server.url}api/getHistory`, { headers: auth() })).status).toBe(405);
  });

  it('streams the snapshot as a full copy, then patches of what changed', async () => {
    const next = { ...snapshot, generatedAt: snapshot.generatedAt + 15_000 };
    // The change comes once this client holds its full copy, so no clock decides the order.
    const { seen, pushes } = await readSnapshotStream(
      server.url,
      server.token,
      (s) => {
        if (s.length === 1) host.emit('snapshot', next);
        return s.length >= 2;
      },
      10_000,
    );
    expect(seen).toEqual([snapshot, next]);
    expect(pushes[0]).toMatchObject({ kind: 'full', version: 1 });
    expect(pushes[1]).toEqual({ kind: 'patch', base: 1, version: 2, ops: [{ op: 's', p: ['generatedAt'], v: next.generatedAt }] });
  });

  it('serves the renderer with a CSP and never a file outside it', async () => {
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const deep = await fetch(`${server.url}some/view`);
    expect(await deep.text()).toContain('<title>Fleetscope');
    const raw = await new Promise<string>((resolve) => {
      const u = new URL(server.url);
      httpRequest({ host: u.hostname, port: u.port, path: '/../secret.txt' }, (r) => {
        let body = '';
        r.on('data', (d: Buffer) => (body += d.toString()));
        r.on('end', () => resolve(body));
      }).end();
    });
    expect(raw).not.toContain('outside');
    const encoded = await fetch(`${server.url}%2e%2e/secret.txt`);
    expect(await encoded.text()).not.toContain('outside');
  });
});

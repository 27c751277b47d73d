import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRemoteHost, type RemoteHost } from '../../../electron/host/remote-host';
import { startServer, type RunningServer } from '../../../electron/server/server';
import type { Snapshot } from '../../../shared/model';
import { makeSnapshot } from '../../helpers/snapshot-fixtures';

/**
 * A collector whose GET /api/snapshot is always newer than what its stream has pushed (as when
 * the GET is answered while a push is still in flight): the remote host must keep the stream's
 * order, or a client that starts from the GET steps back at the next push.
 */
const session = { name: 'grafana', role: 'viewer' as const };
const events = new EventEmitter();
let server: RunningServer;
let remote: RemoteHost;
let gets = 0;

beforeAll(async () => {
  server = await startServer({
    host: {
      dispatch: async (name) => {
        if (name === 'getSession') return { ok: true, value: session };
        if (name === 'getSnapshot') return { ok: true, value: makeSnapshot({ generatedAt: 1_000_000 + ++gets }) };
        return { ok: false, error: { code: 'not-found', message: name } };
      },
      on: (name, listener) => {
        events.on(name, listener);
        return () => void events.off(name, listener);
      },
    },
    staticDir: '/nonexistent',
    port: 0,
    token: 'remote-order-token-0123456789',
  });
  remote = await startRemoteHost({ url: server.url, token: server.token });
});
afterAll(async () => {
  await remote?.stop();
  await server?.close();
});

describe('a remote host’s snapshot', () => {
  it('is the stream’s latest while the stream is open, in the order the pushes came', async () => {
    const seen: Snapshot[] = [];
    remote.on('snapshot', (s) => void seen.push(s));
    // The stream opens with the collector's full copy (a GET on its side).
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThan(0);
    events.emit('snapshot', makeSnapshot({ generatedAt: 2_000_000 }));
    await expect.poll(() => seen.at(-1)?.generatedAt, { timeout: 10_000 }).toBe(2_000_000);
    const getsBefore = gets;
    const answer = await remote.dispatch('getSnapshot', {});
    expect(answer).toMatchObject({ ok: true, value: { generatedAt: 2_000_000 } });
    expect(gets).toBe(getsBefore);
  });
});

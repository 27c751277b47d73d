import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '../../../shared/contract';
import { fakeHandlers } from '../../helpers/fake-handlers';
import { createDispatch } from '../../../electron/host/dispatch';
import { startServer, type RunningServer } from '../../../electron/server/server';

let server: RunningServer;
beforeAll(async () => {
  const dispatch = createDispatch(fakeHandlers(), { warn: () => undefined, error: () => undefined });
  server = await startServer({ host: { dispatch, on: () => () => undefined }, staticDir: '/nonexistent', port: 0, token: 't-0123456789abcdef' });
});
afterAll(() => server.close());

const post = (name: string, body: string) =>
  fetch(`${server.url}api/${name}`, { method: 'POST', headers: { authorization: 'Bearer t-0123456789abcdef', 'content-type': 'application/json' }, body });

// Every request of the contract validates its arguments before any handler runs: an unknown field
// or a wrong type is a 400 that says what is wrong, never a call into the engine.
describe('every contract input is validated in browser mode', () => {
  it.each(REQUEST_NAMES.map((n) => [n]))('%s: an unknown field → 400 invalid-argument', async (name) => {
    const res = await post(name, JSON.stringify({ bogusField: 1 }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid-argument');
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it.each(REQUEST_NAMES.map((n) => [n]))('%s: not an object → 400', async (name) => {
    const res = await post(name, '[1,2,3]');
    expect(res.status).toBe(400);
  });

  it('a body over the size limit → 413, and the connection closed so the next request is answered', async () => {
    const res = await post('getSnapshot', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    // The rest of that body is never read: a request kept alive after it was never answered
    // (shuffled, the test after this one timed out in 3 of 3 seeds).
    expect(res.headers.get('connection')).toBe('close');
    expect((await post('getSnapshot', '[1,2,3]')).status).toBe(400);
  });
});

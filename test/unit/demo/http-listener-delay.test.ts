import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { demoRequestListener, timerDelay } from '../../../electron/demo/http-listener';
import { restError, type DemoResponse } from '../../../electron/demo/responses';
import type { ResponseDelay } from '../../../electron/demo/types';

// The simulated fleet computes an answer when its request arrives and sends it when the request's
// latency has passed (electron/demo/http-listener.ts): the latency stands for the network, so the
// fleet's one process no longer answers a poll's requests one after another behind their timers.

const servers: Server[] = [];
const agent = new Agent({ keepAliveTimeout: 10_000 });
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))));
});

async function serve(listener: ReturnType<typeof demoRequestListener>): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function get(url: string, body?: string): Promise<{ status: number; type: unknown; text: string }> {
  const res = await request(url, { dispatcher: agent, method: body === undefined ? 'GET' : 'POST', ...(body === undefined ? {} : { body }) });
  return { status: res.statusCode, type: res.headers['content-type'], text: await res.body.text() };
}

const failed = (err: unknown): DemoResponse => restError(500, `failed: ${err instanceof Error ? err.message : String(err)}`, null);

/** A delay that holds every answer until the test releases it, and records what it was asked. */
function heldDelay(): { delay: ResponseDelay; asked: number[]; release: () => void } {
  const waiting: (() => void)[] = [];
  const asked: number[] = [];
  return {
    asked,
    delay: (ms, answer) => {
      asked.push(ms);
      waiting.push(answer);
      return () => undefined;
    },
    release: () => waiting.splice(0).forEach((answer) => answer()),
  };
}

const until = async (ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(ok()).toBe(true);
};

describe('demoRequestListener', () => {
  it('computes an answer when its request arrives and writes it only when its delay ends', async () => {
    const held = heldDelay();
    let state = 'at arrival';
    const computedAt: string[] = [];
    const url = await serve(
      demoRequestListener(
        () => 50,
        (req: IncomingMessage) => {
          computedAt.push(req.url ?? '');
          return { status: 200, headers: { 'content-type': 'text/plain' }, body: state };
        },
        failed,
        held.delay,
      ),
    );
    let answered = false;
    const reply = get(`${url}/a`).then((r) => ((answered = true), r));
    await until(() => computedAt.length === 1);
    // What happens to the simulation while the answer travels does not change it.
    state = 'after arrival';
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    expect(held.asked).toEqual([50]);
    held.release();
    expect(await reply).toEqual({ status: 200, type: 'text/plain', text: 'at arrival' });
    expect(computedAt).toEqual(['/a']);
  });

  it('answers as the old path did (compute, then write) for any outcome, delay and preparation', async () => {
    const outcome = fc.oneof(
      fc.record({ status: fc.constantFrom(200, 201, 401, 404, 429, 500, 503), text: fc.string(), buffer: fc.boolean(), html: fc.boolean() }),
      fc.record({ throws: fc.string({ minLength: 1 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        outcome,
        fc.constantFrom(0, 1, 7),
        fc.constantFrom('none', 'resolves', 'rejects'),
        fc.option(fc.string(), { nil: undefined }),
        async (o, wait, prep, body) => {
          const compute = (_req: IncomingMessage, got: string): DemoResponse => {
            if ('throws' in o) throw new Error(o.throws);
            const text = `${o.text}|${got}`;
            return { status: o.status, headers: { 'content-type': o.html ? 'text/html' : 'application/json' }, body: o.buffer ? Buffer.from(text) : text };
          };
          const prepare = (): Promise<void> | null =>
            prep === 'none' ? null : prep === 'resolves' ? Promise.resolve() : Promise.reject(new Error('not ready'));
          const url = await serve(demoRequestListener(() => wait, compute, failed, timerDelay, prepare));
          const got = await get(url, body);
          const expected =
            prep === 'rejects'
              ? failed(new Error('not ready'))
              : (() => {
                  try {
                    return compute({} as IncomingMessage, body ?? '');
                  } catch (err) {
                    return failed(err);
                  }
                })();
          expect(got).toEqual({ status: expected.status, type: expected.headers['content-type'], text: expected.body.toString() });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves every answer at least its delay after its request arrived, however long the work takes', async () => {
    const DELAY = 40;
    const arrived = new Map<string, number>();
    const url = await serve(
      demoRequestListener(
        () => DELAY,
        (req) => {
          arrived.set(req.url ?? '', performance.now());
          // Work of a few ms per answer, as the simulator's larger reads take.
          const end = performance.now() + 3;
          while (performance.now() < end);
          return { status: 200, headers: {}, body: 'ok' };
        },
        failed,
      ),
    );
    const seen = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const t0 = performance.now();
        await get(`${url}/r${i}`);
        return performance.now() - t0;
      }),
    );
    expect(arrived.size).toBe(24);
    for (const ms of seen) expect(ms).toBeGreaterThanOrEqual(DELAY);
  });

  it('never answers sooner than its delay, one request after another on a warm connection', async () => {
    // Alone on a kept-alive connection a request costs well under a millisecond beyond its delay,
    // so a timer that fires early (Node counts whole milliseconds) shows here.
    const DELAY = 15;
    const url = await serve(
      demoRequestListener(
        () => DELAY,
        () => ({ status: 200, headers: {}, body: 'ok' }),
        failed,
      ),
    );
    await get(`${url}/warm`);
    const seen: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      await get(`${url}/r${i}`);
      seen.push(performance.now() - t0);
    }
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(DELAY);
  });
});

describe('timerDelay', () => {
  it('never fires sooner than its delay after the loop turn that armed it', async () => {
    // Armed at the start of a timer's callback, so the loop's clock was just read: what is left is
    // the whole-millisecond rounding of that clock, which a bare setTimeout shows as early fires.
    const early: number[] = [];
    for (let i = 0; i < 200; i++) {
      const elapsed = await new Promise<number>((resolve) =>
        setTimeout(() => {
          const t0 = performance.now();
          timerDelay(2, () => resolve(performance.now() - t0));
        }, i % 3),
      );
      if (elapsed < 2) early.push(elapsed);
    }
    expect(early).toEqual([]);
  });
});

// Shared set-up of the Bitbucket client's integration tests: a fresh dispatcher pool and limiter
// per test, a real HTTP server on loopback, and a client with both credentials. Its hooks apply
// to the test file that imports it; the exported `let`s are live bindings, current in every test.
import { afterEach, beforeEach, expect } from 'vitest';
import { createBitbucketClient } from '../../../../electron/engine/http/bitbucket-client';
import type { BitbucketClientOptions, RequestInfo } from '../../../../electron/engine/http/bitbucket-client-contract';
import { DispatcherPool } from '../../../../electron/engine/http/dispatchers';
import { FleetError } from '../../../../electron/engine/http/fleet-error';
import { HostLimiter } from '../../../../electron/engine/scheduler/host-limiter';
import { json, startServer, type Handler, type TestServer } from './test-server';

export let dispatchers: DispatcherPool;
export let limiter: HostLimiter;
let server: TestServer | undefined;
export let requests: RequestInfo[];

beforeEach(() => {
  dispatchers = new DispatcherPool({ keepAliveMs: 30_000, connectionsPerOrigin: 4 });
  limiter = new HostLimiter({ concurrency: 4, budgetCapacity: 1_000, budgetPerSecond: 1_000 });
  requests = [];
});

afterEach(async () => {
  await dispatchers.close();
  await server?.close();
  server = undefined;
});

export async function serve(
  routes: Record<string, Handler>,
  ...rest: Parameters<typeof startServer> extends [unknown, ...infer R] ? R : never
): Promise<TestServer> {
  server = await startServer(routes, ...rest);
  return server;
}

/** For a test that needs other limits than the generous defaults. */
export function replaceLimiter(next: HostLimiter): void {
  limiter = next;
}

export function client(s: { url: string }, extra: Partial<BitbucketClientOptions> = {}) {
  return createBitbucketClient({
    baseUrl: s.url,
    read: { kind: 'bearer', token: 'read-token' },
    admin: { kind: 'basic', username: 'svc-admin', password: 'pä$$:word' },
    timeoutMs: 5_000,
    dispatchers,
    limiter,
    onRequest: (info) => requests.push(info),
    ...extra,
  });
}

export async function failure(p: Promise<unknown>): Promise<FleetError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FleetError);
    return err as FleetError;
  }
  throw new Error('expected the request to fail');
}

export const ok: Handler = (_req, res) => json(res, 200, { version: '9.4.22' });

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatcherPool } from '../../../electron/engine/http/dispatchers';
import { exchange } from '../../../electron/engine/http/http-exchange';
import { exceptionInfo } from '../../../electron/engine/http/network-errors';
import { testConnection } from '../../../electron/engine/settings/test-connection';

/** A loopback port that was just free: nothing listens there, so connecting is refused. */
async function closedPort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

let origin: Server;
let originUrl: string;
let proxyPort: number;
beforeAll(async () => {
  origin = createServer((_req, res) => res.end('{}'));
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  proxyPort = await closedPort();
});
afterAll(() => new Promise<void>((resolve) => origin.close(() => resolve())));

const request = (dispatcher: ReturnType<DispatcherPool['get']>) =>
  exchange({
    dispatcher,
    method: 'GET',
    url: `${originUrl}/rest/api/1.0/application-properties`,
    headers: {},
    body: undefined,
    timeoutMs: 2000,
    maxBodyBytes: 1e6,
    signal: undefined,
  });

describe('a refused proxy is reported as the proxy refusing, not the origin', () => {
  it('a per-connection proxy on a closed loopback port: the message names the proxy at host:port', async () => {
    const pool = new DispatcherPool({ keepAliveMs: 1000, connectionsPerOrigin: 1, env: {} });
    try {
      const err = await request(pool.get(originUrl, undefined, { url: `http://127.0.0.1:${proxyPort}` })).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'refused',
        message: expect.stringMatching(new RegExp(`^The proxy at 127\\.0\\.0\\.1:${proxyPort} refused the connection`)),
      });
      expect((err as Error).message).not.toMatch(/is Bitbucket running/);
    } finally {
      await pool.close();
    }
  });

  it('the environment proxy (HTTP_PROXY) too, and the origin itself refusing still names the origin', async () => {
    const pool = new DispatcherPool({ keepAliveMs: 1000, connectionsPerOrigin: 1, env: { HTTP_PROXY: `http://127.0.0.1:${proxyPort}` } });
    try {
      await expect(request(pool.get(originUrl))).rejects.toMatchObject({ message: expect.stringContaining(`The proxy at 127.0.0.1:${proxyPort} refused`) });
      const closed = `http://127.0.0.1:${await closedPort()}`;
      await expect(
        exchange({
          dispatcher: pool.get(closed, undefined, 'direct'),
          method: 'GET',
          url: `${closed}/x`,
          headers: {},
          body: undefined,
          timeoutMs: 2000,
          maxBodyBytes: 1e6,
          signal: undefined,
        }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/^Connection refused by 127\.0\.0\.1:\d+ — is Bitbucket running/) });
    } finally {
      await pool.close();
    }
  });

  it('a connection test through that proxy says the proxy refused', async () => {
    const report = await testConnection(
      { baseUrl: originUrl, read: undefined, admin: undefined, caPem: undefined, proxy: { url: `http://127.0.0.1:${proxyPort}` }, timeoutMs: 2000 },
      {},
    );
    expect(report.ok).toBe(false);
    expect(report.steps[0]).toMatchObject({
      step: 'reachability',
      status: 'failed',
      message: expect.stringContaining(`The proxy at 127.0.0.1:${proxyPort} refused`),
    });
  });

  it('an unresolvable or unreachable proxy is named as the proxy as well', () => {
    const ctx = { url: 'https://bitbucket.example.com', timeoutMs: 10_000, proxy: 'http://proxy.corp:3128' };
    expect(exceptionInfo(Object.assign(new Error('getaddrinfo ENOTFOUND proxy.corp'), { code: 'ENOTFOUND' }), ctx)?.message).toMatch(
      /^The proxy's host name proxy\.corp does not resolve/,
    );
    expect(exceptionInfo(Object.assign(new Error('x'), { code: 'EHOSTUNREACH', address: '10.0.0.9', port: 3128 }), ctx)?.message).toMatch(
      /^The proxy at proxy\.corp:3128 is unreachable/,
    );
    expect(exceptionInfo(Object.assign(new Error('x'), { code: 'UND_ERR_CONNECT_TIMEOUT' }), ctx)?.message).toMatch(
      /^Could not connect to the proxy at proxy\.corp:3128 within 10 s/,
    );
  });
});

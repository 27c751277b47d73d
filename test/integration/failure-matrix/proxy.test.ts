import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import { makePki } from '../engine/helpers/certs';
import { startFakeBitbucket, type FakeBitbucket } from './fake-bitbucket';

/** A CONNECT proxy on loopback that records every tunnel it opens. */
async function startProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, socket, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let dir: string;
let caFile: string;
let bitbucket: FakeBitbucket;
let proxy: Awaited<ReturnType<typeof startProxy>>;

beforeAll(async () => {
  const pki = makePki();
  dir = mkdtempSync(join(tmpdir(), 'fs-proxy-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, pki.caPem);
  bitbucket = await startFakeBitbucket(pki.server);
  proxy = await startProxy();
});
afterAll(async () => {
  await bitbucket?.close();
  await proxy?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function pollOnce(primary: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  const config = fleetConfigSchema.parse({
    pollIntervalSeconds: 3600,
    primaries: [{ id: 'p', name: 'P', baseUrl: bitbucket.baseUrl, tls: { caFile }, timeoutSeconds: 30, ...primary }],
  });
  // Healthy here means answered, however slowly a loaded machine answers: no slow verdict, no timeout.
  const host = await startFleetHost({ config, dataDir: ':memory:', engine: { env, slowThresholdMs: 60_000 } });
  try {
    await host.engine.firstPoll();
    return host.engine.snapshot().primaries[0]!;
  } finally {
    await host.stop();
  }
}

describe('proxies', () => {
  it('a per-connection proxy carries every request, with the origin certificate still checked against tls.caFile', async () => {
    const before = proxy.tunnels.length;
    const p = await pollOnce({ proxy: proxy.url }, {});
    expect(p).toMatchObject({ status: 'up', version: '9.4.22' });
    const origin = new URL(bitbucket.baseUrl).host;
    expect(proxy.tunnels.slice(before)).toContain(origin);
  });

  it('HTTPS_PROXY from the environment applies, NO_PROXY and "direct" bypass it', async () => {
    let before = proxy.tunnels.length;
    expect((await pollOnce({}, { HTTPS_PROXY: proxy.url })).status).toBe('up');
    expect(proxy.tunnels.length).toBeGreaterThan(before);

    before = proxy.tunnels.length;
    expect((await pollOnce({}, { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' })).status).toBe('up');
    expect((await pollOnce({ proxy: 'direct' }, { HTTPS_PROXY: proxy.url })).status).toBe('up');
    expect(proxy.tunnels.length).toBe(before);
  });

  it('an unreachable proxy makes the primary down with a message', async () => {
    const p = await pollOnce({ proxy: 'http://127.0.0.1:1' }, {});
    expect(p.status).toBe('down');
    expect(p.lastError?.message).toMatch(/refused/i);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRemoteHost } from '../../../electron/host/remote-host';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { makePki } from '../engine/helpers/certs';

/** A collector behind a private CA: trusted with --collector-ca, refused without it. */
const pki = makePki();
let dir: string;
let server: RunningServer;
const session = { name: 'grafana', role: 'viewer' as const };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-remote-tls-'));
  writeFileSync(join(dir, 'ca.pem'), pki.caPem);
  server = await startServer({
    host: {
      dispatch: async (name) => (name === 'getSession' ? { ok: true, value: session } : { ok: false, error: { code: 'not-found', message: name } }),
      on: () => () => undefined,
    },
    staticDir: '/nonexistent',
    port: 0,
    token: 'remote-tls-token-0123456789',
    tls: { cert: pki.server.cert, key: pki.server.key },
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a team collector with a private CA', () => {
  it('is trusted with its CA file, and the token is who the collector says', async () => {
    const host = await startRemoteHost({ url: server.url, token: server.token, caFile: join(dir, 'ca.pem') });
    expect(host.link()).toMatchObject({ tokenName: session.name, role: session.role });
    await host.stop();
  });

  it('is refused without it, and a missing CA file says which', async () => {
    await expect(startRemoteHost({ url: server.url, token: server.token })).rejects.toThrow(
      /Cannot use the team collector at https:\/\/127\.0\.0\.1:\d+: .*does not trust .*give its CA with --collector-ca FILE/,
    );
    await expect(startRemoteHost({ url: server.url, token: server.token, caFile: join(dir, 'missing.pem') })).rejects.toThrow(
      /Cannot read the collector's CA file .*missing\.pem/,
    );
  });
});

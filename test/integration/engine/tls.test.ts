import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBitbucketClient } from '../../../electron/engine/http/bitbucket-client';
import { DispatcherPool } from '../../../electron/engine/http/dispatchers';
import { FleetError } from '../../../electron/engine/http/fleet-error';
import { HostLimiter } from '../../../electron/engine/scheduler/host-limiter';
import { makePki, type TestPki } from './helpers/certs';
import { json, startServer, type TestServer } from './helpers/test-server';

let pki: TestPki;
let dispatchers: DispatcherPool;
const servers: TestServer[] = [];

beforeAll(() => {
  pki = makePki();
});
beforeEach(() => {
  dispatchers = new DispatcherPool({ keepAliveMs: 30_000, connectionsPerOrigin: 2 });
});
afterEach(async () => {
  await dispatchers.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function https(cert: { key: string; cert: string }): Promise<TestServer> {
  const s = await startServer({ '/status': (_q, res) => json(res, 200, { state: 'RUNNING' }) }, cert);
  servers.push(s);
  return s;
}

function get(url: string, caPem?: string): Promise<unknown> {
  const client = createBitbucketClient({
    baseUrl: url,
    timeoutMs: 5_000,
    dispatchers,
    limiter: new HostLimiter(),
    ...(caPem !== undefined ? { caPem } : {}),
  });
  return client.getJson('/status', { auth: 'none' }).then((r) => r.body);
}

async function tlsFailure(p: Promise<unknown>): Promise<FleetError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FleetError);
  expect((err as FleetError).code).toBe('tls');
  return err as FleetError;
}

describe('TLS with a custom CA', () => {
  it('works only when the CA is given, added to the default roots', async () => {
    const s = await https(pki.server);
    const err = await tlsFailure(get(s.url));
    expect(err.message).toMatch(/signed by a CA this machine does not trust .* set `tls.caFile`/);
    await expect(get(s.url, pki.caPem)).resolves.toEqual({ state: 'RUNNING' });
    // One pool per origin + CA: the trusted and untrusted views never share connections.
    expect(
      dispatchers
        .stats()
        .map((d) => d.customCa)
        .sort(),
    ).toEqual([false, true]);
  });

  it('explains a self-signed certificate', async () => {
    const s = await https(pki.selfSigned);
    const err = await tlsFailure(get(s.url));
    expect(err.message).toMatch(/self-signed certificate — to trust it, set `tls.caFile`/);
    await expect(get(s.url, pki.selfSigned.cert)).resolves.toEqual({ state: 'RUNNING' });
  });

  it('explains a host-name mismatch, even with the right CA', async () => {
    const s = await https(pki.wrongHost);
    const err = await tlsFailure(get(s.url, pki.caPem));
    expect(err.message).toMatch(/does not cover the host name 127\.0\.0\.1/);
  });

  it('explains an expired certificate', async () => {
    const s = await https(pki.expired);
    const err = await tlsFailure(get(s.url, pki.caPem));
    expect(err.message).toMatch(/has expired — renew it on the server/);
  });

  it('explains https:// against a plain-HTTP port', async () => {
    const plain = await startServer({});
    servers.push(plain);
    const err = await tlsFailure(get(plain.url.replace('http:', 'https:')));
    expect(err.message).toMatch(/TLS/);
  });

  it('refuses a CA file that is not a PEM certificate, naming tls.caFile', () => {
    const make = (caPem: string) => () =>
      createBitbucketClient({ baseUrl: 'https://bitbucket.example.com', caPem, timeoutMs: 1_000, dispatchers, limiter: new HostLimiter() });
    expect(make('not a certificate')).toThrow(/tls.caFile\) is not usable: it contains no PEM certificate/);
    expect(make('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).toThrow(/certificate 1 does not parse/);
  });
});

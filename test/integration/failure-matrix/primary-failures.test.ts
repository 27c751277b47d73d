import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { TargetStatus } from '../../../shared/model';
import { pollAndWait } from '../../helpers/poll-and-wait';
import { makePki, type TestPki } from '../engine/helpers/certs';
import { startFakeBitbucket, type FakeBitbucket, type FaultMode } from './fake-bitbucket';
import { BACK_TO_BACK_BUDGET } from '../../helpers/back-to-back-budget';

// The failure matrix: every way a primary can fail, over real HTTP(S) on loopback. Each yields
// the right status and a message a person can act on, the healthy primary carries on, the last
// good data stays, and the primary recovers once the fault is gone.
const MATRIX: Array<[FaultMode, TargetStatus, RegExp]> = [
  ['refused', 'down', /Connection refused by 127\.0\.0\.1:\d+ — is Bitbucket running and is the URL right\?/],
  ['timeout', 'down', /No answer from .* within 3 s/],
  ['slow-body', 'down', /within 3 s|stopped sending|timed out/i],
  ['401', 'unknown', /401/],
  ['403-basic-disabled', 'unknown', /Basic authentication disabled/i],
  ['404', 'unknown', /404/],
  ['409', 'unknown', /409/],
  ['429', 'unknown', /rate.?limit|429/i],
  ['500', 'down', /500/],
  ['503', 'down', /503/],
  ['html-login', 'unknown', /HTML page instead of JSON/],
  ['malformed-json', 'unknown', /not valid JSON|malformed/i],
  ['truncated-json', 'unknown', /not valid JSON|malformed|truncated/i],
  ['oversized', 'unknown', /larger than|too large|MiB/i],
];

let pki: TestPki;
let dir: string;
let faulty: FakeBitbucket;
let healthy: FakeBitbucket;
let host: Awaited<ReturnType<typeof startFleetHost>>;

beforeAll(async () => {
  pki = makePki();
  dir = mkdtempSync(join(tmpdir(), 'fs-matrix-'));
  faulty = await startFakeBitbucket();
  healthy = await startFakeBitbucket();
  const config = fleetConfigSchema.parse({
    pollIntervalSeconds: 3600,
    inventoryIntervalSeconds: 0,
    primaries: [
      // 3 s: long enough to read the oversized fault's 16 MiB on a busy machine, short enough to wait out the timeout faults.
      { id: 'faulty', name: 'Faulty', baseUrl: faulty.baseUrl, read: { token: 't' }, admin: { username: 'a', password: 'p' }, timeoutSeconds: 3 },
      { id: 'healthy', name: 'Healthy', baseUrl: healthy.baseUrl, read: { token: 't' }, timeoutSeconds: 1 },
    ],
  });
  host = await startFleetHost({ config, dataDir: ':memory:', engine: { publishDelayMs: 0, requestBudget: BACK_TO_BACK_BUDGET } });
  await host.engine.firstPoll();
});
afterEach(async () => {
  await faulty.setMode('ok');
});
afterAll(async () => {
  await host?.stop();
  await faulty?.close();
  await healthy?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('failure matrix (real HTTP on loopback)', () => {
  it.each(MATRIX)('%s → %s with an actionable message, the other primary carries on, then recovery', async (mode, status, message) => {
    const good = await pollAndWait(host, 'faulty');
    expect(good.status).toBe('up');
    await faulty.setMode(mode);
    const failed = await pollAndWait(host, 'faulty');
    expect(failed.status).toBe(status);
    expect(failed.lastError?.message ?? '').toMatch(message);
    expect(failed.statusMessage ?? '').not.toBe('');
    // Last good data stays visible.
    expect(failed.version).toBe('9.4.22');
    expect(failed.repositories?.total).toBe(2);
    expect((await pollAndWait(host, 'healthy')).status).toBe('up');
    await faulty.setMode('ok');
    const recovered = await pollAndWait(host, 'faulty');
    expect(recovered.status).toBe('up');
    expect(recovered.lastError).toBeNull();
  });

  it.each([
    ['self-signed', (p: TestPki) => p.selfSigned, false, /self-signed/i],
    ['expired', (p: TestPki) => p.expired, true, /expired/i],
    ['host name mismatch', (p: TestPki) => p.wrongHost, true, /host ?name|does not match|mismatch/i],
    ['unknown CA without tls.caFile', (p: TestPki) => p.server, false, /tls\.caFile/],
  ] as const)('TLS: %s → down with a plain message', async (_label, cert, withCa, message) => {
    const server = await startFakeBitbucket(cert(pki));
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, pki.caPem);
    const config = fleetConfigSchema.parse({
      pollIntervalSeconds: 3600,
      primaries: [{ id: 'tls', name: 'TLS', baseUrl: server.baseUrl, timeoutSeconds: 2, ...(withCa ? { tls: { caFile } } : {}) }],
    });
    const tlsHost = await startFleetHost({ config, dataDir: ':memory:', engine: { publishDelayMs: 0 } });
    try {
      await tlsHost.engine.firstPoll();
      const p = tlsHost.engine.snapshot().primaries[0]!;
      expect(p.status).toBe('down');
      expect(p.lastError?.code).toBe('tls');
      expect(p.lastError?.message).toMatch(message);
    } finally {
      await tlsHost.stop();
      await server.close();
    }
  });

  it('TLS: a server signed by a test CA works only when tls.caFile names that CA', async () => {
    const server = await startFakeBitbucket(pki.server);
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, pki.caPem);
    const config = fleetConfigSchema.parse({
      pollIntervalSeconds: 3600,
      primaries: [{ id: 'corp', name: 'Corp', baseUrl: server.baseUrl, tls: { caFile }, timeoutSeconds: 2 }],
    });
    const tlsHost = await startFleetHost({ config, dataDir: ':memory:', engine: { publishDelayMs: 0 } });
    try {
      await tlsHost.engine.firstPoll();
      expect(tlsHost.engine.snapshot().primaries[0]).toMatchObject({ status: 'up', version: '9.4.22' });
    } finally {
      await tlsHost.stop();
      await server.close();
    }
  });
});

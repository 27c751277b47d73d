import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePki } from '../engine/helpers/certs';
import { startFakeBitbucket, type FakeBitbucket } from '../failure-matrix/fake-bitbucket';

let dir: string;
let server: FakeBitbucket;

beforeAll(async () => {
  const pki = makePki();
  dir = mkdtempSync(join(tmpdir(), 'fs-cli-tls-'));
  writeFileSync(join(dir, 'corp-ca.pem'), pki.caPem);
  server = await startFakeBitbucket(pki.server);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `fleetscope check --config FILE` with this config text; the fake server keeps answering meanwhile. */
function check(name: string, config: string): Promise<{ code: number | null; out: string }> {
  const file = join(dir, name);
  writeFileSync(file, config);
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'check', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => resolve({ code, out }));
  });
}

describe('fleetscope against a loopback HTTPS Bitbucket signed by a test CA', () => {
  it('works only when tls.caFile names that CA, and says clearly what is wrong when it does not', async () => {
    const base = `primaries:\n  - id: corp\n    name: Corp\n    baseUrl: ${server.baseUrl}\n    timeoutSeconds: 30\n`;
    const withCa = await check('with-ca.yaml', `${base}    tls: { caFile: ./corp-ca.pem }\n`);
    expect(withCa.out).toMatch(/^UP +primary Corp \(corp\) 9\.4\.22/m);
    expect(withCa.code).toBe(0);
    const without = await check('without-ca.yaml', base);
    expect(without.code).toBe(2);
    expect(without.out).toMatch(/^DOWN .*tls\.caFile/m);
    // Two CLI processes, each compiling the sources with tsx: slow to start on a loaded machine.
  }, 120_000);
});

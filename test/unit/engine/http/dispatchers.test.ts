import { afterEach, describe, expect, it } from 'vitest';
import { connectionOptions, DispatcherPool } from '../../../../electron/engine/http/dispatchers';

const pools: DispatcherPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(): DispatcherPool {
  const p = new DispatcherPool({ keepAliveMs: 20_000, connectionsPerOrigin: 4 });
  pools.push(p);
  return p;
}

// A syntactically valid certificate (generated once with openssl, never used for trust).
const CA = `-----BEGIN CERTIFICATE-----
MIIBfTCCASOgAwIBAgIUZ2m1m3mXq1Ck2B6mVJ8cP2R9wJgwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJdGVzdC1yb290MB4XDTI0MDEwMTAwMDAwMFoXDTM0MDEwMTAw
MDAwMFowFDESMBAGA1UEAwwJdGVzdC1yb290MFkwEwYHKoZIzj0CAQYIKoZIzj0D
AQcDQgAE
-----END CERTIFICATE-----`;

describe('DispatcherPool', () => {
  it('hands out one pool per origin, whatever the path or default port', () => {
    const p = pool();
    const a = p.get('https://bitbucket.example.com');
    expect(p.get('https://bitbucket.example.com:443/bitbucket')).toBe(a);
    expect(p.get('http://bitbucket.example.com')).not.toBe(a);
    expect(p.get('https://bitbucket.example.com:8443')).not.toBe(a);
    // A CA is irrelevant to plain http.
    expect(p.get('http://bitbucket.example.com', 'ignored')).toBe(p.get('http://bitbucket.example.com'));
    expect(p.stats()).toHaveLength(3);
  });

  it('refuses an unusable CA before any connection is tried', () => {
    expect(() => pool().get('https://h.example.com', 'garbage')).toThrow(/tls.caFile/);
    expect(() => pool().get('https://h.example.com', CA)).toThrow(/certificate 1 does not parse/);
  });

  it('refuses use after close, and bad options', async () => {
    const p = new DispatcherPool({ keepAliveMs: 1_000, connectionsPerOrigin: 1 });
    p.get('https://h.example.com');
    await p.close();
    expect(() => p.get('https://h.example.com')).toThrow(/closed/);
    expect(() => new DispatcherPool({ keepAliveMs: 0, connectionsPerOrigin: 1 })).toThrow(RangeError);
    expect(() => new DispatcherPool({ keepAliveMs: 1_000, connectionsPerOrigin: 0 })).toThrow(RangeError);
  });
});

describe('connectionOptions', () => {
  it('keeps idle connections for the caller’s keepAliveMs, past undici’s 4 s default, whatever the server hints', () => {
    // The engine passes max(60 s, 2 × poll interval + 5 s); a 15 s poll gives 60 s.
    const o = connectionOptions({ keepAliveMs: 60_000, connectionsPerOrigin: 6 });
    expect(o.keepAliveTimeout).toBe(60_000);
    expect(o.keepAliveTimeout).toBeGreaterThan(4_000);
    expect(o.keepAliveMaxTimeout).toBeGreaterThanOrEqual(60_000);
    expect(o.connections).toBe(6);
    expect(connectionOptions({ keepAliveMs: 900_000, connectionsPerOrigin: 1 }).keepAliveMaxTimeout).toBe(900_000);
  });
});

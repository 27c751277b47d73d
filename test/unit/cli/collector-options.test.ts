import { describe, expect, it } from 'vitest';
import { collectorAccess } from '../../../electron/cli/collector-options';

describe('a collector beyond loopback', () => {
  it('refuses plain HTTP unless TLS is given or the opt-out is explicit, and then warns loudly', () => {
    const warnings: string[] = [];
    expect(() => collectorAccess({ host: '0.0.0.0' }, {}, (m) => warnings.push(m))).toThrow(/--tls-cert FILE --tls-key FILE.*--insecure-no-tls/);
    expect(() => collectorAccess({ host: '10.1.2.3', tlsCert: 'x.pem' }, {}, () => undefined)).toThrow(/go together/);
    expect(warnings).toEqual([]);
    collectorAccess({ host: '0.0.0.0', insecureNoTls: true }, {}, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/INSECURE: serving plain HTTP on 0\.0\.0\.0/);
  });

  it('needs nothing on loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(collectorAccess({ host }, {}, () => undefined).tls).toBeUndefined();
  });
});

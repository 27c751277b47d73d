import { describe, expect, it } from 'vitest';
import { envProxyFor, readProxyEnv } from '../../../../electron/engine/http/proxy-env';

const env = (e: Record<string, string>) => readProxyEnv(e);

describe('proxies from the environment', () => {
  it('picks HTTPS_PROXY for https and HTTP_PROXY for http, lower case first', () => {
    const e = env({ HTTPS_PROXY: 'http://secure:3128', http_proxy: 'http://plain:3128', HTTP_PROXY: 'http://ignored:1' });
    expect(envProxyFor(new URL('https://bb.example.com'), e)).toBe('http://secure:3128');
    expect(envProxyFor(new URL('http://bb.example.com'), e)).toBe('http://plain:3128');
    expect(envProxyFor(new URL('https://bb.example.com'), env({ HTTP_PROXY: 'http://p:1' }))).toBe('http://p:1');
    expect(envProxyFor(new URL('https://bb.example.com'), env({}))).toBeUndefined();
  });

  it.each([
    ['bb.example.com', 'https://bb.example.com', true],
    ['.example.com', 'https://bb.example.com', true],
    ['*.example.com', 'https://bb.example.com', true],
    ['example.com', 'https://bb.example.com', true],
    ['example.com', 'https://notexample.com', false],
    ['bb.example.com:8443', 'https://bb.example.com:8443', true],
    ['bb.example.com:8443', 'https://bb.example.com', false],
    ['localhost, 127.0.0.1', 'http://127.0.0.1:7990', true],
    ['*', 'https://anything.example', true],
    ['other.example', 'https://bb.example.com', false],
  ] as const)('NO_PROXY=%s for %s → bypass %s', (noProxy, url, bypass) => {
    const e = env({ HTTPS_PROXY: 'http://p:3128', HTTP_PROXY: 'http://p:3128', NO_PROXY: noProxy });
    expect(envProxyFor(new URL(url), e) === undefined).toBe(bypass);
  });
});

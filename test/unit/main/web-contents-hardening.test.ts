import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appPaths, isAppPageUrl } from '../../../electron/main/app-paths';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp';
import { fleetOrigins, isAllowedExternalUrl, isSafeExternalUrl } from '../../../electron/main/external-links';
import { applySessionPolicy, hardenWebContents } from '../../../electron/main/web-contents-hardening';
import { FakeWebContents, session } from './fake-electron';

const { pageUrl } = appPaths('/opt/fleetscope/dist-electron');
const log = { warn: vi.fn() };
const opener = { openExternal: vi.fn(async (_url: string) => undefined) };

const fleet = new Set(['https://bitbucket.example.com']);

function hardened(): FakeWebContents {
  const contents = new FakeWebContents(pageUrl);
  hardenWebContents(contents as unknown as WebContents, { isAppPage: (url) => isAppPageUrl(url, pageUrl), opener, fleetOrigins: () => fleet, log });
  return contents;
}

describe('web-contents hardening', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('denies every new window and opens web links in the system browser', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://bitbucket.example.com/projects/ABC' })).toEqual({ action: 'deny' });
    expect(opener.openExternal).toHaveBeenCalledWith('https://bitbucket.example.com/projects/ABC');
  });

  it('never hands a non-web link to the operating system', () => {
    const contents = hardened();
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'ms-settings:', 'vscode://x', pageUrl]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opener.openExternal).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('prevents navigation and redirects away from the app page', () => {
    const contents = hardened();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      expect(contents.attempt(event, 'https://evil.example/'), event).toBe(true);
      expect(contents.attempt(event, 'file:///etc/passwd'), event).toBe(true);
    }
  });

  it('lets the app page navigate to itself (a reload, a route in the hash)', () => {
    const contents = hardened();
    expect(contents.attempt('will-navigate', pageUrl)).toBe(false);
    expect(contents.attempt('will-navigate', `${pageUrl}#/storage`)).toBe(false);
    expect(contents.attempt('will-redirect', pageUrl)).toBe(false);
  });

  it('refuses to attach a webview', () => {
    expect(hardened().attempt('will-attach-webview')).toBe(true);
  });
});

describe('external links', () => {
  it('allows http and https only, without embedded credentials', () => {
    expect(isSafeExternalUrl('https://bitbucket.example.com/')).toBe(true);
    expect(isSafeExternalUrl('http://intranet/wiki')).toBe(true);
    expect(isSafeExternalUrl('https://user:pw@example.com/')).toBe(false);
    expect(isSafeExternalUrl('HTTPS://EXAMPLE.COM/')).toBe(true);
    for (const url of ['file:///tmp/x', 'ftp://example.com', 'mailto:a@b.c', 'javascript:void(0)', 'data:text/html,x', '//example.com', 'example.com']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('external links: only the fleet and its documentation', () => {
  beforeEach(() => vi.clearAllMocks());

  it("opens the fleet's own hosts and the documentation the app links to", () => {
    const contents = hardened();
    for (const url of [
      'https://bitbucket.example.com/projects/ABC/repos/api',
      'https://confluence.atlassian.com/bitbucketserver/smart-mirroring-776640046.html',
      'https://docs.gluster.org/en/main/Troubleshooting/resolving-splitbrain/',
    ]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(opener.openExternal).toHaveBeenLastCalledWith(url);
    }
  });

  it('refuses any other host, a look-alike of a documentation host, another port of a fleet host, and logs each', () => {
    const contents = hardened();
    const refused = [
      'https://evil.example/phish',
      'https://docs.gluster.org.evil.example/',
      'https://confluence.atlassian.com/other-space/',
      'https://bitbucket.example.com:8443/',
      'http://bitbucket.example.com/',
      'https://bitbucket.example.com@evil.example/',
    ];
    for (const url of refused) expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(opener.openExternal).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(refused.length);
    expect(log.warn).toHaveBeenCalledWith(
      expect.stringContaining('refused to open a link outside the fleet and its documentation: https://evil.example/phish'),
    );
  });

  it("the fleet's origins are its primaries, their nodes, its mirror farms and their nodes", () => {
    const origins = fleetOrigins({
      primaries: [{ baseUrl: 'https://bb.example.com/bitbucket', nodes: [{ baseUrl: 'http://10.0.0.5:7990' }, { baseUrl: null }] }],
      mirrorFarms: [{ baseUrl: 'https://mirror.example.com', nodes: [{ baseUrl: 'https://m1.example.com:8443' }] }],
    } as never);
    expect([...origins].sort()).toEqual(['http://10.0.0.5:7990', 'https://bb.example.com', 'https://m1.example.com:8443', 'https://mirror.example.com']);
    expect(isAllowedExternalUrl('https://bb.example.com/bitbucket/projects', origins)).toBe(true);
    expect(isAllowedExternalUrl('https://other.example.com/', origins)).toBe(false);
  });
});

describe('session policy', () => {
  const fakeSession = session.defaultSession;

  beforeEach(() => {
    vi.clearAllMocks();
    applySessionPolicy(fakeSession as unknown as Session);
  });

  it('refuses every permission request and check', () => {
    const requestHandler = fakeSession.setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    const checkHandler = fakeSession.setPermissionCheckHandler.mock.calls[0]?.[0] as (wc: unknown, p: string) => boolean;
    for (const permission of ['media', 'notifications', 'openExternal', 'clipboard-read', 'geolocation']) {
      const callback = vi.fn();
      requestHandler(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(checkHandler(null, permission)).toBe(false);
    }
  });

  it('puts our CSP on every response, replacing any other', () => {
    const listener = fakeSession.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { responseHeaders?: Record<string, string[]> },
      cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void;
    const callback = vi.fn();
    listener({ responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    listener({}, callback);
    expect(callback).toHaveBeenLastCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});

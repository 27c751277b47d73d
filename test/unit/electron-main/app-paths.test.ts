import { describe, expect, it } from 'vitest';
import { appPaths, isAppPageUrl } from '../../../electron/main/app-paths';

const { pageUrl } = appPaths('/opt/fleetscope/dist-electron');

describe('app page URL', () => {
  it('is the renderer page beside the bundle folder', () => {
    expect(pageUrl).toBe('file:///opt/fleetscope/dist/renderer/index.html');
  });

  it('accepts the page with a route in its hash or a query', () => {
    expect(isAppPageUrl('file:///opt/fleetscope/dist/renderer/index.html', pageUrl)).toBe(true);
    expect(isAppPageUrl('file:///opt/fleetscope/dist/renderer/index.html#/caches', pageUrl)).toBe(true);
    expect(isAppPageUrl('file:///opt/fleetscope/dist/renderer/index.html?x=1', pageUrl)).toBe(true);
  });

  it('refuses look-alikes that a prefix check would let through', () => {
    for (const url of [
      'file:///opt/fleetscope/dist/renderer/index.html.evil',
      'file:///opt/fleetscope/dist/renderer/other.html',
      'file://evil-host/opt/fleetscope/dist/renderer/index.html',
      'https://opt/fleetscope/dist/renderer/index.html',
      'http://127.0.0.1:5173/index.html',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppPageUrl(url, pageUrl), url).toBe(false);
    }
  });
});

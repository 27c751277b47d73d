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

describe('app page URL on every OS', () => {
  // What Node's pathToFileURL makes of the page path (the working folder's spelling) and what
  // Chromium reports for the same file: equal files must compare equal.
  const forms: Array<[os: string, node: string, chromium: string]> = [
    [
      'Windows, lower-case drive (cd c:\\ in VS Code)',
      'file:///c:/Users/Ann/AppData/Local/Programs/Fleetscope/resources/app.asar/dist/renderer/index.html',
      'file:///C:/Users/Ann/AppData/Local/Programs/Fleetscope/resources/app.asar/dist/renderer/index.html',
    ],
    ['Windows, spaces and non-ASCII', 'file:///C:/Program%20Files/Fleetscope%20%C3%A9/index.html', 'file:///C:/Program Files/Fleetscope é/index.html'],
    ['Windows, legacy drive bar', 'file:///d:/apps/index.html', 'file:///D|/apps/index.html'],
    ['Windows, UNC share', 'file://fileserver/Apps/Fleetscope/index.html', 'file://FILESERVER/Apps/Fleetscope/index.html'],
    [
      'macOS, spaces',
      'file:///Applications/Fleetscope.app/Contents/Resources/app.asar/dist/renderer/index.html',
      'file:///Applications/Fleetscope.app/Contents/Resources/app.asar/dist/renderer/index.html#/caches',
    ],
    ['macOS, encoded characters Chromium keeps', 'file:///Users/ann/My%20Apps/%7Bfs%7D/index.html', 'file:///Users/ann/My%20Apps/{fs}/index.html'],
    ['Linux, spaces', 'file:///home/ann/my%20apps/fleetscope/dist/renderer/index.html', 'file:///home/ann/my apps/fleetscope/dist/renderer/index.html?x=1'],
  ];
  it.each(forms)('%s: the same file compares equal', (_os, node, chromium) => {
    expect(isAppPageUrl(chromium, node)).toBe(true);
    expect(isAppPageUrl(node, chromium)).toBe(true);
  });

  it('keeps different files apart', () => {
    const page = 'file:///c:/Fleetscope/dist/renderer/index.html';
    for (const url of [
      'file:///D:/Fleetscope/dist/renderer/index.html',
      'file:///C:/Fleetscope/dist%2Frenderer/index.html',
      'file:///C:/Fleetscope/dist/renderer/index.html.evil',
      'file://server/C:/Fleetscope/dist/renderer/index.html',
      'file:///C:/Fleetscope/dist/Renderer/index.html',
    ]) {
      expect(isAppPageUrl(url, page), url).toBe(false);
    }
  });
});

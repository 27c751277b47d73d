import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { BROWSER_CSP, CSP_META_PATTERN, cspMetaTag } from '../../shared/security/content-security-policy';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The page's built-in `<meta>` carries the desktop policy; browser mode serves it with its own (API reachable). */
const BROWSER_META = cspMetaTag(BROWSER_CSP);

/**
 * Built files by path, read once. A file is sent in one write: streamed in 64 KB chunks, the 1.2 MB
 * script took one turn of the event loop per chunk, so anything else running at start (the other
 * areas' first polls, the demo's back-fill) stretched the page's load by seconds (issue 13 item 7).
 * The folder holds a few MB and a rebuild gives changed files new names, so nothing is evicted.
 */
const contents = new Map<string, Promise<Buffer>>();

const readOnce = (file: string): Promise<Buffer> => {
  let read = contents.get(file);
  if (!read) {
    read = readFile(file);
    contents.set(file, read);
    // A file that could not be read is read again next time, not remembered as failed.
    read.catch(() => contents.delete(file));
  }
  return read;
};

/**
 * Reads the built scripts and styles before the server listens (a few ms for ≈ 1.5 MB). `serve
 * --demo` loads the host's modules while the page loads: a read left to the thread pool waited
 * behind the loader's own reads, and the first script left 0.7 s after the page (issue 13 item 7).
 * A folder that is not there yet is left to `serveStatic`, which says how to build it.
 */
export function preloadStatic(root: string): void {
  const assets = join(root, 'assets');
  let names: string[];
  try {
    names = readdirSync(assets);
  } catch {
    return;
  }
  for (const name of names) {
    const file = join(assets, name);
    if (!contents.has(file) && statSync(file).isFile()) contents.set(file, Promise.resolve(readFileSync(file)));
  }
}

/**
 * Serves the built renderer. Paths are normalised and must stay inside `root`; unknown paths
 * fall back to index.html so deep links work.
 */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    res.writeHead(400).end('Bad path');
    return;
  }
  if (rel.includes('\0')) {
    res.writeHead(400).end('Bad path');
    return;
  }
  let file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    statSync(file);
  } catch {
    file = join(root, 'index.html');
    try {
      statSync(file);
    } catch {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The user interface is not built. Run `npm run build`, then start Fleetscope again.');
      return;
    }
  }
  const page = file.endsWith('index.html') ? Buffer.from(readFileSync(file, 'utf8').replace(CSP_META_PATTERN, BROWSER_META)) : null;
  const body = page ?? (await readOnce(file));
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'content-security-policy': BROWSER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': page ? 'no-cache' : 'public, max-age=3600',
  });
  res.end(body);
}

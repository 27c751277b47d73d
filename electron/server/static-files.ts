import { createReadStream, readFileSync, statSync } from 'node:fs';
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
 * Serves the built renderer. Paths are normalised and must stay inside `root`; unknown paths
 * fall back to index.html so deep links work.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
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
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) file = join(file, 'index.html');
    size = statSync(file).size;
  } catch {
    file = join(root, 'index.html');
    try {
      size = statSync(file).size;
    } catch {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The user interface is not built. Run `npm run build`, then start Fleetscope again.');
      return;
    }
  }
  const page = file.endsWith('index.html') ? Buffer.from(readFileSync(file, 'utf8').replace(CSP_META_PATTERN, BROWSER_META)) : null;
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': page ? page.length : size,
    'content-security-policy': BROWSER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': page ? 'no-cache' : 'public, max-age=3600',
  });
  if (page) res.end(page);
  else createReadStream(file).pipe(res);
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withContentSecurityPolicy } from '../../../electron/main/csp';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { metaPolicy } from '../../../shared/security/content-security-policy';

/** Finding 9 of issue 10: the built page's `<meta>` CSP was weaker than the header's. One source now feeds both. */
const root = join(import.meta.dirname, '..', '..', '..');
const page = join(root, 'dist', 'renderer');
const TOKEN = 'csp-test-token-0123456789';
let server: RunningServer;

const metaOf = (html: string): string[] => [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]!);
const directives = (policy: string): string[] =>
  policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .sort();

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  server = await startServer({ host: { dispatch: async () => ({ ok: true, value: {} }), on: () => () => undefined }, staticDir: page, port: 0, token: TOKEN });
}, 180_000);
afterAll(() => server?.close());

describe('the page CSP: one source for the header and the <meta>', () => {
  it("the built page's one <meta> equals the header the desktop shell sends (less frame-ancestors, which a <meta> cannot carry)", () => {
    const header = withContentSecurityPolicy(undefined)['Content-Security-Policy']![0]!;
    const metas = metaOf(readFileSync(join(page, 'index.html'), 'utf8'));
    expect(metas).toHaveLength(1);
    expect(metas[0]).toBe(metaPolicy(header));
    expect(directives(header).filter((d) => !d.startsWith('frame-ancestors'))).toEqual(directives(metas[0]!));
    expect(metas[0]).not.toContain('unsafe-inline');
    expect(metas[0]).toContain("connect-src 'none'");
  });

  it('browser mode serves the page with a <meta> equal to the header it sends, for the page and a deep link alike', async () => {
    for (const path of ['/', '/index.html', '/some/deep/link']) {
      const res = await fetch(new URL(path, server.url));
      const header = res.headers.get('content-security-policy')!;
      const html = await res.text();
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(html)));
      expect(metaOf(html)).toEqual([metaPolicy(header)]);
      expect(header).toContain("connect-src 'self'");
      expect(header).toContain("frame-ancestors 'none'");
      expect(header).not.toContain('unsafe-inline');
    }
  });

  it("the page builds the browser's ICU data in a script of its own while its modules load (docs/start-up.md), which the CSP allows", async () => {
    const html = await (await fetch(new URL('/', server.url))).text();
    const warm = html.indexOf('<script async src="./warm-intl.js"></script>');
    expect(warm).toBeGreaterThan(0);
    expect(warm).toBeLessThan(html.indexOf('<script type="module"'));
    const res = await fetch(new URL('/warm-intl.js', server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toContain('new Intl.DateTimeFormat(');
  });
});

import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { BROWSER_CSP, DESKTOP_CSP, cspMetaTag } from './shared/security/content-security-policy';

/**
 * The page's CSP `<meta>`, from the one source the shells' headers use too: the built page carries
 * the desktop policy (a page loaded from file:// gets no header). The dev server, which proxies
 * the API and injects an inline React Refresh preamble, gets browser mode's policy with inline
 * scripts allowed, for `vite serve` only.
 */
const cspMeta = (): Plugin => ({
  name: 'fleetscope:csp-meta',
  transformIndexHtml: {
    order: 'pre',
    handler: (html, ctx) => {
      const policy = ctx.server ? BROWSER_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") : DESKTOP_CSP;
      return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    ${cspMetaTag(policy)}`);
    },
  },
});

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: Electron loads the built page from file://.
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // recharts alone is over Vite's 500 kB default; one local bundle is fine for a desktop app.
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      output: {
        // zod's JIT probe (`new Function`) must be switched off before any schema parses. With the
        // views split into chunks, zod sat in a shared chunk whose modules ran before main.tsx's
        // `z.config({ jitless: true })`, and the desktop's CSP reported a blocked eval. zod and
        // the switch share one chunk, which every schema's chunk imports, so the switch runs first.
        codeSplitting: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|renderer[\\/]zod-jitless/ }] },
      },
    },
  },
  server: {
    // `npm run dev:renderer` against a running `fleetscope serve` on its default port.
    proxy: { '/api': { target: 'http://127.0.0.1:4780', changeOrigin: false } },
  },
});

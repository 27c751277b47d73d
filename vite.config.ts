import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server injects an inline React Refresh preamble, which the strict CSP in index.html
 * forbids. Relax `script-src` for `vite serve` only; the built page keeps the strict policy.
 */
const relaxCspForDevServer = (): Plugin => ({
  name: 'fleetscope:dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
});

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: Electron loads the built page from file://.
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // recharts alone is over Vite's 500 kB default; one local bundle is fine for a desktop app.
    chunkSizeWarningLimit: 2048,
  },
  server: {
    // `npm run dev:renderer` against a running `fleetscope serve` on its default port.
    proxy: { '/api': { target: 'http://127.0.0.1:4780', changeOrigin: false } },
  },
});

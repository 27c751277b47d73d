// The renderer's production build with Vite (dist/renderer unless told otherwise).
import { join } from 'node:path';

/**
 * Vite takes an existing NODE_ENV over its mode: run from a test (vitest sets NODE_ENV=test) or a
 * shell with NODE_ENV=development, `vite build` bundles React's development build and the JSX
 * dev runtime (`jsxDEV`: 599 KB of page script against 364 KB, and each element made with dev
 * checks). What is built here is what users run, so it is always the production build.
 */
export async function buildRenderer(root, outDir) {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production', ...(outDir ? { build: { outDir } } : {}) });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

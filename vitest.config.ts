import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Demo scenarios are imported as their text, as esbuild bundles them (scripts/build.mjs).
  plugins: [{ name: 'yaml-text', transform: (code, id) => (id.endsWith('.yaml') ? `export default ${JSON.stringify(code)};` : null) }],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/renderer/**/*.test.tsx'],
    environment: 'node',
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

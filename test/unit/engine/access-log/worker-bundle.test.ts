import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('access-log worker bundle', () => {
  // Same options as scripts/build.mjs. The thread starts while this one already reads its range:
  // loading zod's schemas there (0.1–0.4 s) delayed its range's end, and so the whole read.
  it('needs only Node built-ins: no zod, no package at all', async () => {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['electron/engine/access-log/range-worker.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]!);
    expect(required.filter((r) => !r.startsWith('node:'))).toEqual([]);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRenderer } from '../../../scripts/build-renderer.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const out = mkdtempSync(join(tmpdir(), 'fleetscope-renderer-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the renderer's build (scripts/build-renderer.mjs)", () => {
  it("is React's production build even when NODE_ENV says otherwise", { timeout: 120_000 }, async () => {
    // vitest runs with NODE_ENV=test, as a build started from a test or a dev shell would.
    expect(process.env.NODE_ENV).toBe('test');
    await buildRenderer(root, out);
    expect(process.env.NODE_ENV).toBe('test');
    const assets = join(out, 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    for (const f of scripts) {
      const text = readFileSync(join(assets, f), 'utf8');
      // The JSX dev runtime, and a warning only React's development build carries.
      expect(text, f).not.toContain('jsxDEV');
      expect(text, f).not.toContain('Each child in a list should have a unique');
    }
  });
});

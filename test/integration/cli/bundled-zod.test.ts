import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const CHUNKS = join(import.meta.dirname, '..', '..', '..', 'dist-electron', 'cli-chunks');

/** The chunk of the built CLI that bundles zod's classic API (and exports its `z`). */
function zodChunk(): string {
  if (!existsSync(CHUNKS)) throw new Error('Build Fleetscope first (node scripts/build.mjs): this test reads dist-electron/cli-chunks.');
  const files = readdirSync(CHUNKS).filter(
    (f) => f.endsWith('.mjs') && readFileSync(join(CHUNKS, f), 'utf8').includes('// node_modules/zod/v4/classic/external.js'),
  );
  expect(files).toHaveLength(1);
  return pathToFileURL(join(CHUNKS, files[0]!)).href;
}

// Source text: run by the test with the package's zod and, in a process of its own, with the bundle's
// (zod keeps its message locale in one global setting, so both in one process would share it).
const SCHEMAS = `(zz) => [
  zz.object({ id: zz.string().min(2), n: zz.number().int().nonnegative(), kind: zz.enum(['primary', 'mirror']), tags: zz.array(zz.string()).max(2) }).strict(),
  zz.union([zz.literal('a'), zz.number().gt(3)]),
  zz.string().url(),
  zz.object({ at: zz.iso.datetime(), ok: zz.boolean().optional() }),
]`;

describe("the CLI bundle's zod (scripts/build.mjs keeps its English locale only)", () => {
  it('carries the English locale alone and says every error as the zod package does', () => {
    const inputs = fc.sample(fc.tuple(fc.nat(3), fc.jsonValue()), { numRuns: 400, seed: 13 });
    const script = `
      const mod = await import(${JSON.stringify(zodChunk())});
      const zz = Object.values(mod).find((v) => typeof v === 'object' && v !== null && 'object' in v && 'locales' in v);
      const schemas = (${SCHEMAS})(zz);
      const inputs = JSON.parse(process.argv[1]);
      process.stdout.write(JSON.stringify({ locales: Object.keys(zz.locales), issues: inputs.map(([i, v]) => schemas[i].safeParse(v).error?.issues ?? null) }));
    `;
    const bundled = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(inputs)], { encoding: 'utf8' })) as {
      locales: string[];
      issues: unknown[];
    };
    expect(bundled.locales).toEqual(['en']);
    const schemas = (new Function(`return ${SCHEMAS}`)() as (zz: typeof z) => z.ZodType[])(z);
    const expected = inputs.map(([i, v]) => schemas[i]!.safeParse(v).error?.issues ?? null);
    expect(bundled.issues).toEqual(JSON.parse(JSON.stringify(expected)));
    // The property says something only if the inputs fail in many ways.
    expect(new Set(expected.flatMap((x) => (x as { message: string }[] | null)?.map((e) => e.message) ?? [])).size).toBeGreaterThan(8);
  });
});

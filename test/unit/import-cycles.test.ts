import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { afterAll, describe, expect, it } from 'vitest';

// No import cycles anywhere in the source, type-only imports included: a cycle of types still ties
// two modules' designs together, and an area that imports its own consumer is one edit away from a
// runtime cycle. `transform: false` keeps `import type` edges in the graph.

/**
 * The import cycles among the files `entries` reach from `context`, as lists of paths, each starting
 * at its first path in sort order (dpdm starts a cycle wherever its parse, in no fixed order, met it).
 */
async function cycles(context: string, entries: string[]): Promise<string[][]> {
  const tree = await parseDependencyTree(entries, { cwd: context, context, transform: false, skipDynamicImports: false });
  return parseCircular(tree).map((cycle) => {
    const first = cycle.indexOf([...cycle].sort()[0]!);
    return [...cycle.slice(first), ...cycle.slice(0, first)];
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'fleetscope-cycles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the import graph has no cycles', () => {
  it('finds a cycle made only of type imports', async () => {
    writeFileSync(join(scratch, 'a.ts'), "import type { B } from './b';\nexport interface A { b?: B }\n");
    writeFileSync(join(scratch, 'b.ts'), "import type { A } from './a';\nexport interface B { a?: A }\n");
    writeFileSync(join(scratch, 'c.ts'), "import type { A } from './a';\nexport type C = A;\n");
    expect(await cycles(scratch, ['*.ts'])).toEqual([['a.ts', 'b.ts']]);
  });

  it('has none in electron/, shared/ or renderer/', { timeout: 120_000 }, async () => {
    expect(await cycles(process.cwd(), ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'])).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eachInInventory, findInInventory, InventoryTable } from '../../../../electron/engine/bitbucket/inventory-table';
import type { InventoryRepo } from '../../../../shared/model/repository';

const TEXT = fc.oneof(
  fc.constantFrom('web-ui', 'Web UI', 'api', 'API', 'plat', 'PLAT', 'Plat\u00e9forme', '\u4e2d\u6587', 'emoji-\u{1f680}', 'lone-\ud800', ''),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const REPO = fc
  .record({
    id: fc.oneof(fc.nat(1e9).map(String), fc.constantFrom('007', '-1', '1e3', 'PLAT/web-ui', '9007199254740993', '-0')),
    projectKey: fc.constantFrom('PLAT', 'plat', 'WEB', 'W\u00c9B'),
    projectId: fc.constantFrom<string | null>(null, '1', '2'),
    projectName: fc.constantFrom('Platform', 'Web', 'Plat\u00e9forme'),
    slug: TEXT,
    name: fc.oneof(TEXT, fc.constant('same')),
    state: fc.constantFrom('AVAILABLE', 'INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE', 'UNKNOWN'),
    archived: fc.boolean(),
  })
  .map((r): InventoryRepo => (r.name === 'same' ? { ...r, name: r.slug } : r));

const REPO_FIXED: InventoryRepo = { id: '1', projectKey: 'P', projectId: '1', projectName: 'P', slug: 'r', name: 'r', state: 'AVAILABLE', archived: false };

describe('a primary’s inventory in columns (InventoryTable)', () => {
  it('property: gives back every row, the search columns and each find as the array of objects it replaces', () => {
    fc.assert(
      fc.property(fc.array(REPO, { maxLength: 40 }), fc.constantFrom('PLAT', 'WEB', 'W\u00c9B', 'X'), TEXT, (repos, key, slug) => {
        const table = new InventoryTable(2);
        repos.forEach((r) => table.add({ ...r }));
        expect(table.length).toBe(repos.length);
        expect(table.toArray()).toEqual(repos);
        // Trimmed, and in shared memory as the reader thread keeps it: the same rows.
        const shared = table.trimmed(true);
        expect(shared.toArray()).toEqual(repos);
        const cols = (inv: InventoryTable | InventoryRepo[]) => {
          const out: string[][] = [];
          eachInInventory(inv, (...c) => out.push(c));
          return out;
        };
        expect(cols(table)).toEqual(cols(repos));
        expect(cols(shared)).toEqual(cols(repos));
        const wanted = [slug, ...repos.slice(0, 3).map((r) => r.slug)];
        for (const s of wanted) {
          const exact = (k: string, x: string | null) => k === key && (x === null || x === s);
          expect(findInInventory(table, exact)).toEqual(repos.find((r) => r.projectKey === key && r.slug === s));
          expect(findInInventory(shared, exact)).toEqual(repos.find((r) => r.projectKey === key && r.slug === s));
          const loose = (k: string, x: string | null) => k.toUpperCase() === key && (x === null || x.toLowerCase() === s.toLowerCase());
          expect(findInInventory(table, loose)).toEqual(repos.find((r) => r.projectKey.toUpperCase() === key && r.slug.toLowerCase() === s.toLowerCase()));
        }
        // Made at its final size: a row past it does not move the table out of the memory it shares.
        const full = table.trimmed(true);
        expect(() => {
          for (let i = 0; i < 2; i++) full.add({ ...REPO_FIXED });
        }).toThrow(/cannot grow/);
      }),
    );
  });
});

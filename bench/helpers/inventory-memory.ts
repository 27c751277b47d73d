/**
 * What the inventory keeps at 10 × 50,000 once every primary's walk has ended (issue 13 goal 1,
 * docs/scale.md, session 16): the reader thread's work (`inventoryPages`, inventory-pages.ts) run
 * in this one thread, each answer passed on as a thread would get it (a structured clone, its
 * transfer list moved), the engine's table made from it (`InventoryTable.fromColumns`) and kept.
 * A fixed amount of work, so a figure does not follow how far a loaded run got. Retained = heap
 * used + ArrayBuffers (shared ones too) after two full collections, so the thread's kept tables
 * and the engine's are counted once each, or once if they are the same memory.
 *
 *   nice -n 19 node --expose-gc --import tsx bench/helpers/inventory-memory.ts [TREE]
 *
 * TREE (default: this one) is the repository whose modules are measured, so A and B can run
 * alternately under the same load. Per primary: 50 pages of 1,000 repositories (numeric ids,
 * slugs `repo-N`, names `Repository N`, 97 projects), walked twice (the second walk reads the same
 * bytes, so it reuses the first walk's rows as a later inventory cycle does); the ten walks are
 * read to their last page before any ends, as when every primary walks at once, and what they
 * hold then is measured too.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuMs, mb, retained } from './retained-memory';

const PRIMARIES = 10;
const REPOS = 50_000;
const PAGE = 1_000;
const PROJECTS = 97;

type Answer = { type: string; columns?: unknown };
type Handle = (m: object) => { answer: Answer; transfer: ArrayBuffer[] };

const tree = resolve(process.argv[2] ?? '.');
const mod = async <M>(path: string): Promise<M> => (await import(pathToFileURL(`${tree}/electron/engine/bitbucket/${path}.ts`).href)) as M;
const { inventoryPages } = await mod<{ inventoryPages: () => Handle }>('inventory-pages');
const { InventoryTable } = await mod<{ InventoryTable: { fromColumns(c: unknown): { length: number } } }>('inventory-table');

const pageBody = (p: number, page: number): Uint8Array => {
  const values = [];
  for (let r = page * PAGE; r < (page + 1) * PAGE; r++) {
    const project = r % PROJECTS;
    values.push({
      slug: `repo-${r}`,
      id: p * 1_000_000 + r + 1,
      name: `Repository ${r}`,
      state: 'AVAILABLE',
      project: { key: `P${project}`, id: project + 1, name: `Project ${project}` },
      archived: false,
    });
  }
  const last = (page + 1) * PAGE >= REPOS;
  return Uint8Array.from(
    Buffer.from(
      JSON.stringify({ size: PAGE, limit: PAGE, start: page * PAGE, isLastPage: last, values, ...(last ? {} : { nextPageStart: (page + 1) * PAGE }) }),
    ),
  );
};

const handle = inventoryPages();
const ask = (m: object): Answer => {
  const { answer, transfer } = handle(m);
  return structuredClone(answer, { transfer });
};
const engine: { length: number }[] = [];
let walk = 0;
/** Every primary's walk read to its last page (as when all walk at once), then each ended; the bytes retained before the ends. */
const walkAll = (): number => {
  const ids = Array.from({ length: PRIMARIES }, () => ++walk);
  for (let p = 0; p < PRIMARIES; p++) {
    for (let page = 0; page * PAGE < REPOS; page++) {
      const a = ask({ type: 'page', walk: ids[p], body: pageBody(p, page), start: page * PAGE, key: `primary-${p}` });
      if (a.type !== 'page') throw new Error(`page ${page} of primary-${p} answered ${a.type}`);
    }
  }
  const during = retained() - base;
  for (let p = 0; p < PRIMARIES; p++) {
    const end = ask({ type: 'end', walk: ids[p], key: `primary-${p}` });
    if (end.type !== 'end') throw new Error(`the end of primary-${p} answered ${end.type}`);
    engine[p] = InventoryTable.fromColumns(end.columns);
    if (engine[p]!.length !== REPOS) throw new Error(`primary-${p}: ${engine[p]!.length} rows`);
  }
  return during;
};

const base = retained();
let cpu = cpuMs();
const firstDuring = walkAll();
const first = { cpu: cpuMs() - cpu, during: firstDuring, bytes: retained() - base };
cpu = cpuMs();
const secondDuring = walkAll();
const second = { cpu: cpuMs() - cpu, during: secondDuring, bytes: retained() - base };
console.log(`tree ${tree}`);
console.log(
  `first walks:  ${mb(first.during)} retained before their ends, ${mb(first.bytes)} after (engine's tables and the thread's), ${first.cpu.toFixed(0)} ms of CPU`,
);
console.log(`second walks: ${mb(second.during)} retained before their ends, ${mb(second.bytes)} after, ${second.cpu.toFixed(0)} ms of CPU (pages reused)`);

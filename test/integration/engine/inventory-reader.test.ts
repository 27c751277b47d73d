import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { INVENTORY_PAGE } from '../../../electron/engine/bitbucket/inventory';
import { inventoryRead, useInventoryWorker } from '../../../electron/engine/bitbucket/inventory-reader';
import { FleetError } from '../../../electron/engine/http/fleet-error';
import { spareCount } from '../../../electron/engine/http/page-buffers';
import { client, requests, serve } from './helpers/client-harness';
import { json, type Handler } from './helpers/test-server';

/** The bundled reader thread, as `fleetscope serve` starts it. */
const BUNDLE = join(import.meta.dirname, '..', '..', '..', 'dist-electron', 'inventory-worker.cjs');

const repo = (i: number) => ({
  slug: i % 7 === 0 ? `r\u00e9-${i}` : `repo-${i}`,
  id: i % 11 === 0 ? `X-${i}` : i,
  name: i % 3 === 0 ? `Repo "${i}" \u4e2d` : `repo-${i}`,
  state: ['AVAILABLE', 'OFFLINE', 'INITIALISING'][i % 3],
  archived: i % 4 === 0,
  project: { key: `P${i % 5}`, id: i % 5, name: `Project ${i % 5}`, links: { self: [{ href: 'https://x/p' }] } },
  links: { clone: [{ href: `https://x/scm/p/repo-${i}.git`, name: 'http' }] },
});

/**
 * 23 repositories, 5 a page; `bad` answers that page (by start) with these bytes; `pad` adds a
 * description of that many characters to each; `gzip` sends every page as gzip to a request that
 * accepts it (`bad` pages too, or these bytes as they are when `gzip` names them).
 */
function inventoryRoute(bad: Record<number, string> = {}, pad = 0, gzip: boolean | Record<number, Buffer> = false): Handler {
  return (req, res) => {
    const start = Number(new URL(req.url ?? '', 'http://x').searchParams.get('start'));
    if (gzip !== false && /gzip/.test(String(req.headers['accept-encoding']))) {
      const plain = bad[start] ?? JSON.stringify(page(start, pad));
      const bytes = (gzip !== true && gzip[start]) || gzipSync(plain);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bytes);
      return;
    }
    if (bad[start] !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(bad[start]);
      return;
    }
    json(res, 200, page(start, pad));
  };
}

function page(start: number, pad: number) {
  const values = Array.from({ length: Math.min(5, 23 - start) }, (_, k) => ({
    ...repo(start + k),
    ...(pad ? { description: `${start + k} `.padEnd(pad, 'd') } : {}),
  }));
  const last = start + 5 >= 23;
  return { size: values.length, limit: 5, isLastPage: last, values, start, ...(last ? {} : { nextPageStart: start + 5 }) };
}

async function walk(url: string) {
  const read = inventoryRead();
  try {
    const walked = await client({ url }).eachPage(
      '/rest/api/1.0/repos',
      { limit: 5, lean: INVENTORY_PAGE, kind: 'background', overlap: true, ...(read.readBytes ? { readBytes: read.readBytes } : {}) },
      read.page,
    );
    const { table, counts } = await read.finish();
    return { pages: walked.pages, bytes: walked.bytes, rows: table.toArray(), counts, threaded: read.readBytes !== undefined };
  } catch (err) {
    return {
      error: err instanceof FleetError ? { code: err.code, message: err.message, body: err.body } : String(err),
      threaded: read.readBytes !== undefined,
    };
  } finally {
    read.drop();
  }
}

describe('the inventory read in its reader thread (dist-electron/inventory-worker.cjs)', () => {
  afterAll(() => useInventoryWorker('/nonexistent'));

  it('gives the rows, counts, errors and request reports the engine’s own thread gives', async () => {
    if (!existsSync(BUNDLE)) throw new Error('Build Fleetscope first (node scripts/build.mjs): this test starts dist-electron/inventory-worker.cjs.');
    const cases: Record<string, Record<number, string>> = {
      good: {},
      // Not lean-readable (an HTML login page), a bad envelope, a paging loop: each is read again on the engine's thread.
      html: { 10: '<html><body>Log in</body></html>' },
      envelope: { 5: '{"values":5,"isLastPage":false,"nextPageStart":10}' },
      loop: { 10: '{"values":[],"isLastPage":false,"nextPageStart":3}' },
      // A key given twice: the thread reads it as JSON.parse does (the last one).
      duplicate: { 15: JSON.stringify({ isLastPage: false, values: [repo(15)], nextPageStart: 20 }).replace('"values"', '"values":1,"values"') },
    };
    for (const [name, bad] of Object.entries(cases)) {
      const s = await serve({ '/rest/api/1.0/repos': inventoryRoute(bad) });
      useInventoryWorker('/nonexistent');
      requests.length = 0;
      const here = await walk(s.url);
      const hereReports = requests.map((r) => [r.url, r.status, r.error?.code]);
      useInventoryWorker(BUNDLE);
      requests.length = 0;
      const threaded = await walk(s.url);
      expect([here.threaded, threaded.threaded]).toEqual([false, true]);
      expect({ ...threaded, threaded: null }, name).toEqual({ ...here, threaded: null });
      expect(
        requests.map((r) => [r.url, r.status, r.error?.code]),
        name,
      ).toEqual(hereReports);
      if (name === 'good') expect(here).toMatchObject({ pages: 5, counts: { total: 23 } });
      else expect(here, name).toHaveProperty(name === 'duplicate' ? 'rows' : 'error');
    }
  });

  it('reads gzip pages in the thread: the rows, counts and errors of plain pages read here, a page that does not inflate said so', async () => {
    if (!existsSync(BUNDLE)) throw new Error('Build Fleetscope first (node scripts/build.mjs): this test starts dist-electron/inventory-worker.cjs.');
    const cases: Record<string, [Record<number, string>, Record<number, Buffer>]> = {
      good: [{}, {}],
      // An HTML login page, gzip: inflated by the thread, handed back and read here.
      html: [{ 10: '<html><body>Log in</body></html>' }, {}],
      loop: [{ 10: '{"values":[],"isLastPage":false,"nextPageStart":3}' }, {}],
    };
    for (const [name, [bad, raw]] of Object.entries(cases)) {
      const s = await serve({ '/rest/api/1.0/repos': inventoryRoute(bad, 0, raw) });
      useInventoryWorker('/nonexistent');
      const here = await walk(s.url);
      useInventoryWorker(BUNDLE);
      s.requests.length = 0;
      const threaded = await walk(s.url);
      expect(s.requests.every((r) => r.headers['accept-encoding'] === 'gzip')).toBe(true);
      expect({ ...threaded, threaded: null, bytes: null }, name).toEqual({ ...here, threaded: null, bytes: null });
      if (name === 'good') expect(threaded).toMatchObject({ pages: 5, counts: { total: 23 } });
      // The bytes received are the compressed ones.
      if (name === 'good') expect((threaded as { bytes: number }).bytes).toBeLessThan((here as { bytes: number }).bytes);
    }
    const s = await serve({ '/rest/api/1.0/repos': inventoryRoute({}, 0, { 5: gzipSync('{"values":[]}').subarray(0, 15) }) });
    useInventoryWorker(BUNDLE);
    const cut = await walk(s.url);
    expect(cut).toMatchObject({
      error: { code: 'malformed', message: expect.stringContaining('answered /rest/api/1.0/repos with a gzip body that does not inflate') },
    });
  });

  it('fills later pages with the memory of pages the thread has read, and gives the same rows', async () => {
    if (!existsSync(BUNDLE)) throw new Error('Build Fleetscope first (node scripts/build.mjs): this test starts dist-electron/inventory-worker.cjs.');
    // Pages of ≈ 100 KB: large enough to be read into page buffers (page-buffers.ts).
    const s = await serve({ '/rest/api/1.0/repos': inventoryRoute({}, 20_000) });
    useInventoryWorker('/nonexistent');
    const here = await walk(s.url);
    useInventoryWorker(BUNDLE);
    const before = spareCount();
    const first = await walk(s.url);
    expect(spareCount()).toBeGreaterThan(before);
    // The second walk's pages are read into the first one's memory, which held other pages' bytes.
    const second = await walk(s.url);
    for (const threaded of [first, second]) expect({ ...threaded, threaded: null }).toEqual({ ...here, threaded: null });
    expect(here).toMatchObject({ pages: 5, counts: { total: 23 } });
  });

  it('keeps the process alive while it owes an answer, and not after', () => {
    if (!existsSync(BUNDLE)) throw new Error('Build Fleetscope first (node scripts/build.mjs): this test starts dist-electron/inventory-worker.cjs.');
    const script = `
      const { inventoryRead, useInventoryWorker } = await import(${JSON.stringify(join(import.meta.dirname, '..', '..', '..', 'electron/engine/bitbucket/inventory-reader.ts'))});
      useInventoryWorker(${JSON.stringify(BUNDLE)});
      const read = inventoryRead();
      const page = await read.readBytes(Buffer.from(JSON.stringify({ values: [{ slug: 'a', project: { key: 'P' } }], isLastPage: true })), 0);
      const { table } = await read.finish();
      process.stdout.write(JSON.stringify({ page, rows: table.length }));
    `;
    const dir = mkdtempSync(join(tmpdir(), 'fleetscope-inventory-'));
    const file = join(dir, 'walk.mts');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(r.error).toBeUndefined();
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toEqual({ page: { body: { isLastPage: true, nextPageStart: undefined, values: [] } }, rows: 1 });
  });

  it('can be started before the first walk, which then reads through it, and does not keep an idle process alive', () => {
    if (!existsSync(BUNDLE)) throw new Error('Build Fleetscope first (node scripts/build.mjs): this test starts dist-electron/inventory-worker.cjs.');
    const source = join(import.meta.dirname, '..', '..', '..', 'electron/engine/bitbucket/inventory-reader.ts');
    const run = (walk: boolean) => {
      const script = `
        const { inventoryRead, startInventoryReader, useInventoryWorker } = await import(${JSON.stringify(source)});
        useInventoryWorker(${JSON.stringify(BUNDLE)});
        // The walk begins once the thread started above says it is online (its start mark), so a
        // thread started by the walk instead would come later; with no thread started, nothing comes.
        const online = new Promise((resolve) => {
          const write = process.stderr.write.bind(process.stderr);
          process.stderr.write = (chunk, ...rest) => {
            if (String(chunk).includes('inventory reader thread online')) resolve(undefined);
            return write(chunk, ...rest);
          };
        });
        startInventoryReader();
        if (${walk}) {
          // The idle thread does not keep the process alive (asserted below): a timer does, meanwhile.
          const alive = setInterval(() => undefined, 60_000);
          await online;
          clearInterval(alive);
          const read = inventoryRead();
          await read.readBytes(Buffer.from(JSON.stringify({ values: [{ slug: 'a', project: { key: 'P' } }], isLastPage: true })), 0);
          const { table } = await read.finish();
          process.stdout.write(JSON.stringify({ rows: table.length }));
        }
      `;
      const dir = mkdtempSync(join(tmpdir(), 'fleetscope-inventory-'));
      const file = join(dir, 'start.mts');
      writeFileSync(file, script);
      const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, FLEETSCOPE_START_MARKS: '1' },
      });
      rmSync(dir, { recursive: true, force: true });
      expect(r.error).toBeUndefined();
      expect(r.status, r.stderr).toBe(0);
      return { out: r.stdout, marks: [...r.stderr.matchAll(/^\[start\] (\d+) cpu \d+ (.+)$/gm)].map((m) => [m[2], Number(m[1])] as const) };
    };
    const walked = run(true);
    expect(JSON.parse(walked.out)).toEqual({ rows: 1 });
    const at = new Map(walked.marks);
    expect([...at.keys()].sort()).toEqual([
      'first inventory page read by the reader thread',
      'first inventory page received',
      'inventory reader thread online',
    ]);
    // In the order they were written: their millisecond times can be equal.
    const order = walked.marks.map(([name]) => name);
    expect(order.indexOf('inventory reader thread online')).toBeLessThan(order.indexOf('first inventory page received'));
    // Started and never asked: the process ends as if there were no thread (spawnSync's timeout fails it otherwise).
    expect(run(false).out).toBe('');
  });
});

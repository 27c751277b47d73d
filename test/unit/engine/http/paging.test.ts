import { describe, expect, it } from 'vitest';
import { walkPages } from '../../../../electron/engine/http/paging';
import { inventoryFold } from '../../../../electron/engine/bitbucket/inventory';
import { countRepositories } from '../../../../electron/engine/bitbucket/normalise';

const repo = (i: number) => ({
  id: i,
  slug: `repo-${i}`,
  name: `Repo ${i}`,
  state: i % 3 === 0 ? 'OFFLINE' : 'AVAILABLE',
  archived: i % 5 === 0,
  project: { id: i % 4, key: `P${i % 4}`, name: `Project ${i % 4}` },
  // What the inventory does not use: it must not outlive its page.
  links: { clone: [{ href: `https://bb.example.com/scm/p/repo-${i}.git`, name: 'http' }] },
});

/** Three pages of `size` repositories; logs each fetch and each folded page in order. */
function pagedSource(size: number, log: string[]) {
  return async (q: Record<string, unknown>) => {
    const start = Number(q['start']);
    log.push(`fetch ${start}`);
    const values = Array.from({ length: size }, (_, k) => repo(start + k));
    const last = start + size >= 3 * size;
    return { status: 200, body: { values, isLastPage: last, nextPageStart: last ? undefined : start + size, start, size }, bytes: 1000 };
  };
}

describe('walkPages: one page at a time', () => {
  it('hands each page to onPage before the next page is read, and keeps none of them', async () => {
    const log: string[] = [];
    const walked = await walkPages(pagedSource(10, log), {
      url: 'https://bb.example.com/rest/api/1.0/repos',
      query: {},
      limit: 10,
      maxPages: 10,
      onPage: (values, page) => void log.push(`page of ${values.length} (${page.bytes} bytes)`),
    });
    expect(log).toEqual(['fetch 0', 'page of 10 (1000 bytes)', 'fetch 10', 'page of 10 (1000 bytes)', 'fetch 20', 'page of 10 (1000 bytes)']);
    expect(walked).toEqual({ pages: 3, truncated: false, durationMs: 0, bytes: 3000 });
    expect(walked).not.toHaveProperty('values');
  });

  it('waits for an async onPage (the sweep paces there) before reading on', async () => {
    const log: string[] = [];
    await walkPages(pagedSource(2, log), {
      url: 'https://bb.example.com/x',
      query: {},
      limit: 2,
      maxPages: 10,
      onPage: async () => {
        await Promise.resolve();
        log.push('paced');
      },
    });
    expect(log).toEqual(['fetch 0', 'paced', 'fetch 2', 'paced', 'fetch 4', 'paced']);
  });
});

describe('inventoryFold: counts and compact rows, page by page', () => {
  it('gives the same counts as counting every page at once, and rows with only the fields used', async () => {
    const fold = inventoryFold();
    const all: unknown[] = [];
    await walkPages(pagedSource(25, []), {
      url: 'https://bb.example.com/rest/api/1.0/repos',
      query: {},
      limit: 25,
      maxPages: 10,
      onPage: (values) => {
        all.push(...values);
        fold.page(values);
      },
    });
    expect(fold.counts()).toEqual(countRepositories(all));
    expect(fold.repos).toHaveLength(75);
    expect(fold.repos[3]).toEqual({
      id: '3',
      projectKey: 'P3',
      projectId: '3',
      projectName: 'Project 3',
      slug: 'repo-3',
      name: 'Repo 3',
      state: 'OFFLINE',
      archived: false,
    });
    expect(Object.keys(fold.repos[0]!)).not.toContain('links');
  });
});

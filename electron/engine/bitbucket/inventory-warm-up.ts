import { inventoryPages } from './inventory-pages';

/** Repositories on the warm-up page: about a demo primary's first page (300 repositories, ≈ 214 KB). */
const WARM_UP_REPOS = 300;

/** One page as Bitbucket Data Center answers `/rest/api/1.0/repos`, with made-up repositories. */
export function warmUpPage(repos = WARM_UP_REPOS): Uint8Array {
  const base = 'https://bitbucket.warm-up.invalid';
  const values = Array.from({ length: repos }, (_, i) => {
    const key = `PRJ${i % 12}`;
    const slug = `service-${i}`;
    return {
      slug,
      id: 1000 + i,
      name: `Service ${i}`,
      description: i % 3 === 0 ? `Repository ${i} of the warm-up page` : undefined,
      hierarchyId: `h${i.toString(16).padStart(20, '0')}`,
      scmId: 'git',
      state: i % 50 === 0 ? 'OFFLINE' : 'AVAILABLE',
      statusMessage: i % 50 === 0 ? 'Offline' : 'Available',
      forkable: true,
      project: {
        key,
        id: i % 12,
        name: `Project ${i % 12}`,
        public: false,
        type: 'NORMAL',
        scope: 'PROJECT',
        links: { self: [{ href: `${base}/projects/${key}` }] },
      },
      public: i % 7 === 0,
      archived: i % 9 === 0,
      scope: 'REPOSITORY',
      links: {
        clone: [
          { href: `${base}/scm/${key.toLowerCase()}/${slug}.git`, name: 'http' },
          { href: `ssh://git@bitbucket.warm-up.invalid:7999/${key.toLowerCase()}/${slug}.git`, name: 'ssh' },
        ],
        self: [{ href: `${base}/projects/${key}/repos/${slug}/browse` }],
      },
    };
  });
  return Buffer.from(JSON.stringify({ size: repos, limit: 1000, isLastPage: true, values, start: 0 }));
}

/**
 * Reads made-up pages with a reader of its own, thrown away after, so the reader thread's code is
 * compiled before the first real page arrives: cold, the thread took 120–160 ms of CPU for a demo
 * primary's first page, with the first repository count waiting for it (issue 13 item 7). Run as
 * the thread starts, while the host's modules still load; nothing of it stays in the real reader.
 */
export function warmUpInventoryReader(rounds = 3): void {
  const read = inventoryPages();
  for (let walk = 1; walk <= rounds; walk++) {
    read({ type: 'page', walk, body: warmUpPage(), start: 0, key: 'warm-up' });
    read({ type: 'end', walk, key: 'warm-up' });
  }
}

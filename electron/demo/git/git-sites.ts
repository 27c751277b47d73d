import type { DemoRepo } from '../catalog';
import { restError, type DemoResponse } from '../responses';
import type { PrimaryModel } from '../primary-model';
import type { ResponseDelay } from '../types';
import type { GitServed, GitSite } from './git-route';
import type { GitRepoStore } from './repo-store';

/** The slow fault's delay spread over the transfer: each 8 KiB piece waits this share of it. */
const PIECES_PER_SLOW_DELAY = 50;

/** Finds a repository by project key (any case, as Bitbucket) and slug; or the 404 Bitbucket answers. */
export function findRepo(primary: PrimaryModel, key: string, slug: string): DemoRepo | DemoResponse {
  const repo = primary.catalog.repos.find((r) => r.project.key.toLowerCase() === key.toLowerCase() && r.slug === slug);
  if (repo === undefined) return restError(404, `Repository ${key}/${slug} does not exist.`, null);
  if (repo.state !== 'AVAILABLE') return restError(404, `Repository ${key}/${slug} is ${repo.state.toLowerCase()} and cannot be cloned.`, null);
  return repo;
}

/**
 * A primary (a node or its load balancer) serving git: the repository at its latest push, the
 * transfer paced while the slow fault is on, every upload-pack counted by the SCM cache model.
 */
export function primaryGitSite(primary: PrimaryModel, git: GitRepoStore, delay: ResponseDelay): GitSite {
  return {
    credentials: primary.credentials,
    delay,
    resolve: async (key, slug): Promise<GitServed | DemoResponse> => {
      if (primary.failing) return restError(500, 'An unexpected error occurred while processing the request.', null);
      primary.syncToNow();
      const repo = findRepo(primary, key, slug);
      if (!('slug' in repo)) return repo;
      const view = await git.view(primary.id, repo.id, primary.pushesOf(repo.id));
      return {
        view,
        pieceDelayMs: primary.delayMs > 0 ? Math.max(1, Math.round(primary.delayMs / PIECES_PER_SLOW_DELAY)) : 0,
        counted: (what, gitProtocol) => primary.onGitRequest(repo, what === 'ls-refs' ? 'refs' : 'upload-pack', gitProtocol),
      };
    },
  };
}

import type { InventoryRepo, RepositoryState } from '../../../shared/model/repository';
import { field, isRecord, text } from './normalise-read';

const STATES = new Set<RepositoryState>(['AVAILABLE', 'INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE']);

/**
 * The repositories of a paged `/rest/api/1.0/repos` answer, as much of each as search and the
 * repository page need. An entry without a project key or slug cannot be linked to and is skipped.
 */
export function normaliseInventory(values: unknown[]): InventoryRepo[] {
  const out: InventoryRepo[] = [];
  if (!Array.isArray(values)) return out;
  for (const repo of values) {
    if (!isRecord(repo)) continue;
    const project = field(repo, 'project');
    const projectKey = text(field(project, 'key'));
    const slug = text(field(repo, 'slug'));
    if (projectKey === null || slug === null) continue;
    const state = text(field(repo, 'state'))?.toUpperCase() as RepositoryState | undefined;
    out.push({
      id: text(field(repo, 'id')) ?? `${projectKey}/${slug}`,
      projectKey,
      projectId: text(field(project, 'id')),
      projectName: text(field(project, 'name')) ?? projectKey,
      slug,
      name: text(field(repo, 'name')) ?? slug,
      state: state !== undefined && STATES.has(state) ? state : 'UNKNOWN',
      archived: field(repo, 'archived') === true,
    });
  }
  return out;
}

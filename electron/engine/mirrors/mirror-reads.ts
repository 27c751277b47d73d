import { historyWindow } from '../../../shared/contract/history-args';
import { FleetApiError } from '../../../shared/contract';
import { lttb } from '../../../shared/logic/lttb';
import type { AreaContext } from '../area';
import { field, text } from '../bitbucket/normalise-read';
import { findInInventory } from '../bitbucket/inventory-table';
import type { HandlersOf } from '../handlers';
import { FleetError } from '../http/fleet-error';
import type { FarmState } from './farm-state';
import { readRepoMirrorStatus } from './repo-status';

export interface ReadDeps {
  ctx(): AreaContext;
  farm(farmId: string): FarmState | undefined;
  /** The farms of a primary, in the snapshot's order. */
  farmsOf(primaryId: string): FarmState[];
  /** How long a change may take to reach a node before it counts as lagging. */
  toleranceMs(): number;
}

type ReadHandlers = HandlersOf<'getMirrorRepos' | 'getMirrorRepoStates' | 'getMirrorRepoStatus' | 'getMirrorHistory' | 'getMirrorProjects'>;

/** Reads of the mirrors area: the per-repository table and history from the engine, projects from the primary. */
export function mirrorReads(deps: ReadDeps): ReadHandlers {
  const farmOf = (farmId: string): FarmState => {
    const farm = deps.farm(farmId);
    if (!farm) throw new FleetApiError('not-found', `No mirror farm with id "${farmId}" in this fleet (it may have been removed).`);
    return farm;
  };
  return {
    getMirrorRepos: async ({ farmId, state, query, offset, limit }) => {
      const farm = farmOf(farmId);
      const q = query?.trim().toLowerCase() ?? '';
      const rows = farm.rows;
      const matching: number[] = [];
      for (let i = 0; i < rows.length; i++) {
        if (state !== undefined && rows.state(i) !== state) continue;
        if (q !== '') {
          const slug = (rows.slug(i) ?? '').toLowerCase();
          const key = (rows.projectKey(i) ?? '').toLowerCase();
          if (rows.id(i) !== q && !slug.includes(q) && !key.includes(q) && !`${key}/${slug}`.includes(q)) continue;
        }
        matching.push(i);
      }
      return {
        farmId,
        polledAt: farm.farm.lastPollAt,
        nodes: farm.farm.nodes.map((n) => ({ id: n.id, name: n.name })),
        total: matching.length,
        offset,
        rows: matching.slice(offset, offset + limit).map((i) => rows.row(i)),
      };
    },

    getMirrorRepoStates: async ({ farmId }) => {
      return { farmId, repositories: farmOf(farmId).rows.stateColumns() };
    },

    getMirrorRepoStatus: async ({ primaryId, projectKey, repoSlug }) => {
      const c = deps.ctx();
      const primary = c.primary(primaryId);
      if (!primary) throw new FleetApiError('not-found', `No primary with id "${primaryId}" in this fleet: check the link.`);
      const key = projectKey.toUpperCase();
      const slug = repoSlug.toLowerCase();
      const repo = findInInventory(c.inventory(primaryId), (k, s) => k.toUpperCase() === key && (s === null || s.toLowerCase() === slug));
      if (!repo) {
        throw new FleetApiError(
          'not-found',
          `${projectKey}/${repoSlug} is not in the repository inventory of ${primary.name}${primary.inventoryAt === null ? ' (not read yet: try again after its next poll)' : ''}.`,
        );
      }
      return readRepoMirrorStatus({
        primaryClient: c.primaryClient(primaryId),
        nodeClient: (baseUrl) => c.clientFor(primaryId, baseUrl),
        farms: deps.farmsOf(primaryId),
        repo: { id: repo.id, projectKey: repo.projectKey, slug: repo.slug },
        // Each read is bounded by the client's own timeout; nothing else cancels a page's question.
        signal: new AbortController().signal,
        now: c.now,
        toleranceMs: deps.toleranceMs(),
      });
    },

    getMirrorHistory: async ({ farmId, metric, maxPoints, ...window }) => {
      farmOf(farmId);
      const c = deps.ctx();
      const { from, to } = historyWindow(window, c.now());
      return { points: lttb(c.store.series(farmId, metric, from, to), maxPoints).map(([a, b]) => [a, b] as [number, number]) };
    },

    getMirrorProjects: async ({ primaryId }) => {
      const c = deps.ctx();
      const primary = c.primary(primaryId);
      if (!primary) throw new FleetApiError('not-found', `No primary with id "${primaryId}" in this fleet.`);
      try {
        const page = await c.primaryClient(primaryId).getPaged('/rest/api/1.0/projects', { auth: 'read', limit: 1000 });
        const projects = page.values
          .map((p) => ({ id: text(field(p, 'id')), key: text(field(p, 'key')), name: text(field(p, 'name')) }))
          .filter((p): p is { id: string; key: string; name: string } => p.id !== null && p.key !== null && p.name !== null)
          .sort((a, b) => a.key.localeCompare(b.key));
        return { projects };
      } catch (err) {
        if (err instanceof FleetError) throw new FleetApiError(err.code, `Could not list the projects of ${primary.name}: ${err.message}`);
        throw err;
      }
    },
  };
}

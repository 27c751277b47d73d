import { FleetApiError } from '../../../shared/contract';
import type { AuditEntry, FoundRepositoryDetail, InventoryRepo, MirrorFarm, RepositoryDetail, RepositoryMirror, Snapshot } from '../../../shared/model';
import { eachInInventory, findInInventory, type Inventory } from '../bitbucket/inventory-table';
import type { StorageSourceConfig } from '../config/storage-config-schema';
import type { FleetHandlers } from '../handlers';

/** What the repository reads join: the engine's state and the areas' own reads, nothing of the fleet directly. */
export interface RepositoryReadDeps {
  snapshot(): Snapshot;
  inventory(primaryId: string): Inventory;
  storageConfig(): readonly StorageSourceConfig[];
  auditLog(opts: { limit: number; targetId: string }): AuditEntry[];
  getCacheRepository: FleetHandlers['getCacheRepository'];
  getMirrorRepos: FleetHandlers['getMirrorRepos'];
  now(): number;
}

type Handlers = Pick<FleetHandlers, 'getRepositoryIndex' | 'getRepository'>;

/** How many audit entries of a primary are searched for the repository's last clear. */
const AUDIT_LOOKBACK = 2_000;

/** Why a farm does not carry a repository, from what the farm and its selection say. */
function farmGap(farm: MirrorFarm, repo: InventoryRepo, selected: boolean | null): string | null {
  if (farm.enabled === false) return `${farm.name} is disabled on its primary: it serves nothing until an admin enables it again.`;
  if (farm.upstreamState !== null && farm.upstreamState !== 'INSTALLED') {
    return `${farm.name} is not authorized by its primary (its registration is ${farm.upstreamState}): authorize it in Mirrors, then give it this project.`;
  }
  if (selected === false) {
    return `${farm.name} mirrors selected projects only, and ${repo.projectKey} is not one of them: clones of ${repo.projectKey}/${repo.slug} near ${farm.name} go to the primary. Add the project in Mirrors → Projects.`;
  }
  return null;
}

async function mirrorOf(deps: RepositoryReadDeps, farm: MirrorFarm, repo: InventoryRepo): Promise<RepositoryMirror> {
  const sel = farm.projectSelection;
  const selected = sel === null ? null : sel.mode === 'ALL_PROJECTS' ? true : repo.projectId === null ? null : sel.projectIds.includes(repo.projectId);
  const page = await deps.getMirrorRepos({ farmId: farm.id, query: repo.id, offset: 0, limit: 50 }).catch(() => null);
  const hit =
    page?.rows.find((r) => r.repoId === repo.id) ??
    (await deps.getMirrorRepos({ farmId: farm.id, query: `${repo.projectKey}/${repo.slug}`, offset: 0, limit: 50 }).catch(() => null))?.rows.find(
      (r) => r.projectKey === repo.projectKey && r.slug === repo.slug,
    );
  const nodeNames = page?.nodes.map((n) => n.name) ?? farm.nodes.map((n) => n.name);
  const row = hit
    ? {
        state: hit.state,
        nodes: hit.nodes.map((n, i) => ({
          name: nodeNames[i] ?? `node ${i + 1}`,
          state: n.state,
          lastSyncAt: n.lastSyncAt,
          failedSyncCount: n.failedSyncCount,
          reason: n.reason,
        })),
      }
    : null;
  let reason = farmGap(farm, repo, selected);
  if (reason === null && (row === null || row.state === 'NOT_MIRRORED')) {
    if (farm.lastPollAt === null) reason = `${farm.name} has not been polled yet: its repositories are not known.`;
    else if (farm.status === 'down')
      reason = `${farm.name} cannot be reached (${farm.statusMessage ?? 'down'}), so whether it carries the repository is not known.`;
    else if (row?.state === 'NOT_MIRRORED')
      reason = row.nodes.find((n) => n.state === 'NOT_MIRRORED')?.reason ?? `${farm.name} does not mirror this repository.`;
    else reason = `${farm.name} does not list this repository: it has not synchronized it yet, or its selection excludes it.`;
  }
  return { farmId: farm.id, selected, row, notMirroredReason: reason, polledAt: farm.lastPollAt };
}

function lastClear(deps: RepositoryReadDeps, primaryId: string, repo: InventoryRepo): FoundRepositoryDetail['cache']['lastClear'] {
  const mine = ` — ${repo.projectKey}/${repo.slug}`;
  for (const e of deps.auditLog({ limit: AUDIT_LOOKBACK, targetId: primaryId })) {
    if (e.action !== 'clearCache' || e.outcome !== 'succeeded') continue;
    const scope = e.target.endsWith(mine) ? 'repository' : e.target.endsWith(' — all SCM caches') ? 'all' : null;
    if (scope) return { at: e.finishedAt ?? e.startedAt, actor: e.actor, result: e.detail ?? 'succeeded', scope };
  }
  return null;
}

/** The reads behind search and the repository page: the inventory joined with every area. */
export function repositoryReads(deps: RepositoryReadDeps): Handlers {
  return {
    getRepositoryIndex: async () => {
      const snap = deps.snapshot();
      const cols = { primaryId: [] as string[], projectKey: [] as string[], projectName: [] as string[], slug: [] as string[], name: [] as string[] };
      let updatedAt: number | null = null;
      for (const p of snap.primaries) {
        if (p.inventoryAt !== null) updatedAt = Math.max(updatedAt ?? 0, p.inventoryAt);
        eachInInventory(deps.inventory(p.id), (projectKey, projectName, slug, name) => {
          cols.primaryId.push(p.id);
          cols.projectKey.push(projectKey);
          cols.projectName.push(projectName);
          cols.slug.push(slug);
          cols.name.push(name);
        });
      }
      return { updatedAt, repositories: cols };
    },

    getRepository: async ({ primaryId, projectKey, repoSlug }): Promise<RepositoryDetail> => {
      const snap = deps.snapshot();
      if (primaryId !== undefined && !snap.primaries.some((p) => p.id === primaryId)) {
        throw new FleetApiError('not-found', `No primary with id "${primaryId}" in this fleet: check the link, or open the repository without it.`);
      }
      const key = projectKey.toUpperCase();
      const slug = repoSlug.toLowerCase();
      const holders = snap.primaries
        .map((p) => ({ p, repo: findInInventory(deps.inventory(p.id), (k, s) => k.toUpperCase() === key && (s === null || s.toLowerCase() === slug)) }))
        .filter((h): h is { p: (typeof snap.primaries)[number]; repo: InventoryRepo } => h.repo !== undefined);
      const chosen = primaryId === undefined ? holders[0] : holders.find((h) => h.p.id === primaryId);
      const readAt = deps.now();
      if (!chosen) {
        return {
          found: false,
          projectKey,
          repoSlug,
          readAt,
          primariesSearched: (primaryId === undefined ? snap.primaries : snap.primaries.filter((p) => p.id === primaryId)).map((p) => p.id),
        };
      }
      const { p, repo } = chosen;
      const [cache, mirrors] = await Promise.all([
        deps
          .getCacheRepository({ primaryId: p.id, projectKey: repo.projectKey, repoSlug: repo.slug })
          .then((r) => ({ repository: r, error: null }))
          .catch((err: unknown) => ({ repository: null, error: err instanceof Error ? err.message : String(err) })),
        Promise.all(snap.mirrorFarms.filter((f) => f.primaryId === p.id).map((f) => mirrorOf(deps, f, repo))),
      ]);
      const storage = deps
        .storageConfig()
        .flatMap((s) => s.serves.filter((sv) => sv.primaryId === p.id).map((sv) => ({ sourceId: s.id, role: sv.role, volume: sv.volume ?? null })));
      return {
        found: true,
        readAt,
        primaryId: p.id,
        alsoOn: holders.filter((h) => h.p.id !== p.id).map((h) => h.p.id),
        repo,
        inventoryAt: p.inventoryAt,
        cache: { ...cache, readAt: deps.now(), lastClear: lastClear(deps, p.id, repo) },
        mirrors,
        storage,
      };
    },
  };
}

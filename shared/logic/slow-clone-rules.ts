import type { CacheRepository, InventoryRepo, MirrorFarm, Primary, RepositoryMirror, StorageRole, Volume } from '../model';
import type { Route } from './route';
import { CLONE_EVIDENCE_RULES, type CloneEvidenceInput } from './slow-clone-evidence';
import { formatSpan, type SlowCloneFinding } from './slow-clone-finding';

export { formatSpan, type SlowCloneFinding } from './slow-clone-finding';

/**
 * "What could make this slow": rules over everything Fleetscope joined about one repository. Each
 * rule is a pure function that states its evidence; `explainSlowClone` runs them all and orders
 * the findings by likely impact on a clone. The rules over probes and access logs are in
 * slow-clone-evidence.ts.
 */

export type SlowCloneInput = CloneEvidenceInput & {
  now: number;
  repo: InventoryRepo;
  primary: Primary;
  /** The repository's caches as read for the page; null when they could not be read. */
  cacheRepo: CacheRepository | null;
  /** When the disk guard tripped (the engine's alert), if it did. */
  diskGuardSince: number | null;
  mirrors: ReadonlyArray<{ farm: MirrorFarm; mirror: RepositoryMirror }>;
  volumes: ReadonlyArray<{ sourceName: string; sourceId: string; role: StorageRole; volume: Volume }>;
};

type Rule = (input: SlowCloneInput) => SlowCloneFinding[];

const count = (n: number): string => n.toLocaleString('en-US');
const primaryLink = (p: Primary): Route => ({ view: 'overview', repo: null, params: { primary: p.id } });
const cacheLink = (p: Primary): Route => ({ view: 'caches', repo: null, params: { primary: p.id } });
const farmLink = (f: MirrorFarm, node?: string): Route => ({ view: 'mirrors', repo: null, params: node ? { farm: f.id, node } : { farm: f.id } });
const full = (repo: InventoryRepo): string => `${repo.projectKey}/${repo.slug}`;

export const repositoryStateRule: Rule = ({ repo, primary }) => {
  if (repo.state === 'AVAILABLE') return [];
  const what: Record<Exclude<InventoryRepo['state'], 'AVAILABLE'>, string> = {
    INITIALISING: 'is still INITIALISING: clones fail until it is AVAILABLE',
    INITIALISATION_FAILED: 'failed to initialise (INITIALISATION_FAILED): clones fail; it must be recreated or restored',
    OFFLINE: 'is OFFLINE: clones fail until an admin brings it back',
    UNKNOWN: 'has a state the inventory did not report: whether it can be cloned is not known',
  };
  return [
    {
      rule: 'repository-state',
      impact: repo.state === 'UNKNOWN' ? 30 : 100,
      severity: repo.state === 'UNKNOWN' ? 'info' : 'critical',
      text: `${full(repo)} ${what[repo.state]} on ${primary.name}.`,
      link: primaryLink(primary),
    },
  ];
};

export const primaryHealthRule: Rule = ({ primary }) => {
  const findings: SlowCloneFinding[] = [];
  if (primary.status === 'down') {
    findings.push({
      rule: 'primary-health',
      impact: 95,
      severity: 'critical',
      text: `${primary.name} is down (${primary.statusMessage ?? 'not reachable'}): clones that reach the primary fail.`,
      link: primaryLink(primary),
    });
  } else if (primary.status === 'degraded') {
    findings.push({
      rule: 'primary-health',
      impact: 60,
      severity: 'warning',
      text: `${primary.name} is degraded: ${primary.statusMessage ?? 'see the Overview'}. Clones served by the primary share what is left.`,
      link: primaryLink(primary),
    });
  }
  return findings;
};

export const diskGuardRule: Rule = ({ primary, diskGuardSince, now }) => {
  if (primary.cache?.diskGuardTripped !== true) return [];
  const since = diskGuardSince === null ? '' : ` ${formatSpan(now - diskGuardSince)} ago`;
  return [
    {
      rule: 'cache-disk-guard',
      impact: 85,
      severity: 'critical',
      text: `The cache disk guard on ${primary.name} switched clone caching off${since}: every clone is served by git on the primary until disk is freed.`,
      link: cacheLink(primary),
    },
  ];
};

export const cacheSwitchedOffRule: Rule = ({ primary }) => {
  const cache = primary.cache;
  if (!cache || cache.diskGuardTripped === true) return [];
  const findings: SlowCloneFinding[] = [];
  if (cache.config.uploadPack.enabled === false) {
    findings.push({
      rule: 'cache-switched-off',
      impact: 70,
      severity: 'warning',
      text: `Clone (upload-pack) caching is switched off on ${primary.name}: every clone is computed by git.`,
      link: cacheLink(primary),
    });
  }
  const off = (['http', 'ssh'] as const).filter((p) => cache.config.protocols[p] === false);
  if (off.length > 0) {
    findings.push({
      rule: 'cache-switched-off',
      impact: 45,
      severity: 'warning',
      text: `Caching is off for ${off.map((p) => p.toUpperCase()).join(' and ')} on ${primary.name}: clones over ${off.length > 1 ? 'them' : 'it'} are never served from the cache.`,
      link: cacheLink(primary),
    });
  }
  return findings;
};

/** Fewer requests than this say little about a hit ratio. */
const MIN_REQUESTS = 20;
const LOW_HIT_RATIO = 0.5;

export const lowHitRatioRule: Rule = ({ primary, repo, cacheRepo }) => {
  if (!cacheRepo || cacheRepo.hits === null || cacheRepo.misses === null) return [];
  const total = cacheRepo.hits + cacheRepo.misses;
  if (total < MIN_REQUESTS) return [];
  const ratio = cacheRepo.hits / total;
  if (ratio >= LOW_HIT_RATIO) return [];
  return [
    {
      rule: 'cache-low-hit-ratio',
      impact: 35,
      severity: 'info',
      text: `Only ${(ratio * 100).toFixed(0)} % of ${full(repo)}'s cached requests hit (${count(cacheRepo.hits)} hits, ${count(cacheRepo.misses)} misses since the counters started): pushes or a short TTL keep invalidating it.`,
      link: { view: 'caches', repo: null, params: { primary: primary.id, q: full(repo) } },
    },
  ];
};

export const mirrorSyncRule: Rule = ({ mirrors, now }) => {
  const findings: SlowCloneFinding[] = [];
  for (const { farm, mirror } of mirrors) {
    for (const node of mirror.row?.nodes ?? []) {
      if (node.state === 'LAGGING') {
        // The farm's lag is the age of the oldest change it has not applied: how long this has lasted.
        const behind =
          farm.lagSeconds !== null && farm.lagSeconds > 0
            ? ` for ${formatSpan(farm.lagSeconds * 1000)}`
            : node.lastSyncAt === null
              ? ''
              : ` (last synced ${formatSpan(now - node.lastSyncAt)} ago)`;
        findings.push({
          rule: 'mirror-lagging',
          impact: 75,
          severity: 'warning',
          text: `${farm.name} node ${node.name} is LAGGING on this repository${behind}: clones there fall back to the primary.`,
          link: farmLink(farm, node.name),
        });
      } else if (node.state === 'FAILING') {
        const failed = node.failedSyncCount ? ` (${count(node.failedSyncCount)} failed syncs)` : '';
        findings.push({
          rule: 'mirror-failing',
          impact: 80,
          severity: 'critical',
          text: `${farm.name} node ${node.name} is FAILING to synchronize this repository${failed}: ${node.reason}. Clones there are stale or go to the primary.`,
          link: farmLink(farm, node.name),
        });
      }
    }
  }
  return findings;
};

export const mirrorNodeDownRule: Rule = ({ mirrors }) =>
  mirrors.flatMap(({ farm }) =>
    farm.nodes
      .filter((n) => n.status === 'down')
      .map((n) => ({
        rule: 'mirror-node-down',
        impact: 55,
        severity: 'warning' as const,
        text: `${farm.name} node ${n.name} is down (${n.message ?? 'not reachable'}): clones near ${farm.name} have one node fewer, or none.`,
        link: farmLink(farm, n.name),
      })),
  );

export const notMirroredRule: Rule = ({ mirrors }) =>
  mirrors
    .filter(({ mirror }) => mirror.notMirroredReason !== null)
    .map(({ farm, mirror }) => ({
      rule: 'not-mirrored',
      impact: 40,
      severity: 'info' as const,
      text: mirror.notMirroredReason as string,
      link: farmLink(farm),
    }));

export const volumeHealthRule: Rule = ({ volumes }) =>
  volumes
    .filter(({ volume }) => volume.verdict === 'degraded' || volume.verdict === 'critical')
    .map(({ sourceId, sourceName, role, volume }) => {
      const downBricks = volume.bricks.filter((b) => b.status === 'down');
      const evidence = [
        ...downBricks.map((b) => `brick on ${b.host} down`),
        ...(volume.heal.pending ? [`heal backlog ${count(volume.heal.pending)}`] : []),
        ...(volume.heal.splitBrain ? [`${count(volume.heal.splitBrain)} in split-brain`] : []),
      ];
      if (evidence.length === 0) evidence.push(volume.verdictReason);
      const critical = volume.verdict === 'critical';
      return {
        rule: 'volume-health',
        impact: critical ? 90 : role === 'shared-home' ? 65 : 40,
        severity: critical ? ('critical' as const) : ('warning' as const),
        text: `Volume ${volume.name} (${role === 'shared-home' ? 'shared home' : 'artifacts'}, ${sourceName}) is ${volume.verdict}: ${evidence.join(', ')}. Git on the primary reads and writes there.`,
        link: { view: 'storage', repo: null, params: { source: sourceId, volume: volume.name } } satisfies Route,
      };
    });

export const SLOW_CLONE_RULES: readonly Rule[] = [
  repositoryStateRule,
  primaryHealthRule,
  diskGuardRule,
  cacheSwitchedOffRule,
  lowHitRatioRule,
  mirrorSyncRule,
  mirrorNodeDownRule,
  notMirroredRule,
  volumeHealthRule,
  ...CLONE_EVIDENCE_RULES,
];

/** Every finding of every rule, most likely impact first (ties keep rule order). */
export function explainSlowClone(input: SlowCloneInput): SlowCloneFinding[] {
  return SLOW_CLONE_RULES.flatMap((rule) => rule(input)).sort((a, b) => b.impact - a.impact);
}

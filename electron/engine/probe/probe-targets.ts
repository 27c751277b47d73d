import type { FoundRepositoryDetail, Snapshot } from '../../../shared/model';
import type { PrimaryConfig } from '../config/fleet-config-schema';
import type { EndpointTarget } from './probe-endpoint';

/** Bitbucket's HTTP clone URL of a repository under a base URL. */
export const cloneUrl = (baseUrl: string, projectKey: string, slug: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/scm/${encodeURIComponent(projectKey)}/${encodeURIComponent(slug)}.git`;

/**
 * Every place that serves a repository: the primary's URL, each configured node's own URL, and
 * each mirror farm that carries it (its front and each node with a URL of its own). Farms that do
 * not carry it are said in the notes, with the reason the mirrors area gave.
 */
export function probeTargets(primary: PrimaryConfig, detail: FoundRepositoryDetail, snapshot: Snapshot): { targets: EndpointTarget[]; notes: string[] } {
  const key = detail.repo.projectKey;
  const slug = detail.repo.slug;
  const targets: EndpointTarget[] = [{ label: `${primary.name} (primary)`, kind: 'primary', url: cloneUrl(primary.baseUrl, key, slug), cached: true }];
  for (const node of primary.nodes)
    targets.push({ label: `${primary.name} node ${node.name}`, kind: 'node', url: cloneUrl(node.baseUrl, key, slug), cached: true });
  const notes: string[] = [];
  for (const m of detail.mirrors) {
    const farm = snapshot.mirrorFarms.find((f) => f.id === m.farmId);
    if (!farm) continue;
    if (m.row === null && m.selected !== true) {
      notes.push(`${farm.name} does not carry this repository${m.notMirroredReason ? `: ${m.notMirroredReason}` : ''}.`);
      continue;
    }
    const front = cloneUrl(farm.baseUrl, key, slug);
    targets.push({ label: farm.name, kind: 'mirror', url: front, cached: false });
    for (const node of farm.nodes) {
      if (node.baseUrl === null) continue;
      const url = cloneUrl(node.baseUrl, key, slug);
      if (url !== front) targets.push({ label: `${farm.name} node ${node.name}`, kind: 'mirror-node', url, cached: false });
    }
  }
  notes.push('SSH endpoints are not probed: the clone doctor measures HTTP(S) clones only.');
  return { targets, notes };
}

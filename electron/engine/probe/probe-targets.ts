import type { FoundRepositoryDetail, Snapshot } from '../../../shared/model';
import type { PrimaryConfig } from '../config/fleet-config-schema';
import type { EndpointTarget } from './probe-endpoint';

export type ProbeTransportChoice = 'http' | 'ssh' | 'both';

/** Bitbucket's HTTP clone URL of a repository under a base URL. */
export const cloneUrl = (baseUrl: string, projectKey: string, slug: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/scm/${encodeURIComponent(projectKey)}/${encodeURIComponent(slug)}.git`;

/** Bitbucket's SSH clone URL of a repository under an SSH base URL: the project key in lower case. */
export const sshCloneUrl = (sshBase: string, projectKey: string, slug: string): string =>
  `${sshBase.replace(/\/+$/, '')}/${encodeURIComponent(projectKey.toLowerCase())}/${encodeURIComponent(slug)}.git`;

/** One place that serves the repository, with its HTTP base URL and its SSH base URL when configured. */
interface Place {
  label: string;
  kind: EndpointTarget['kind'];
  http: string;
  ssh: string | undefined;
  cached: boolean;
}

/**
 * Every place that serves a repository: the primary's URL, each configured node's own URL, and
 * each mirror farm that carries it (its front and each node with a URL of its own), over HTTP(S)
 * and, where `ssh` of the primary's config names it, over SSH. Farms that do not carry it, and
 * places with no SSH URL when SSH was asked for, are said in the notes.
 */
export function probeTargets(
  primary: PrimaryConfig,
  detail: FoundRepositoryDetail,
  snapshot: Snapshot,
  transport: ProbeTransportChoice,
): { targets: EndpointTarget[]; notes: string[] } {
  const ssh = primary.ssh;
  const places: Place[] = [{ label: `${primary.name} (primary)`, kind: 'primary', http: primary.baseUrl, ssh: ssh?.url, cached: true }];
  for (const node of primary.nodes)
    places.push({ label: `${primary.name} node ${node.name}`, kind: 'node', http: node.baseUrl, ssh: ssh?.nodes[node.name], cached: true });
  const notes: string[] = [];
  for (const m of detail.mirrors) {
    const farm = snapshot.mirrorFarms.find((f) => f.id === m.farmId);
    if (!farm) continue;
    if (m.row === null && m.selected !== true) {
      notes.push(`${farm.name} does not carry this repository${m.notMirroredReason ? `: ${m.notMirroredReason}` : ''}.`);
      continue;
    }
    const sshFarm = ssh?.mirrors.find((f) => f.farm === farm.name || f.farm === farm.mirrorId || f.farm === farm.id);
    places.push({ label: farm.name, kind: 'mirror', http: farm.baseUrl, ssh: sshFarm?.url, cached: false });
    for (const node of farm.nodes) {
      if (node.baseUrl === null || sameUrl(node.baseUrl, farm.baseUrl)) continue;
      places.push({ label: `${farm.name} node ${node.name}`, kind: 'mirror-node', http: node.baseUrl, ssh: sshFarm?.nodes[node.name], cached: false });
    }
  }
  const key = detail.repo.projectKey;
  const slug = detail.repo.slug;
  const targets: EndpointTarget[] = [];
  for (const p of places) {
    const base = { label: p.label, kind: p.kind, cached: p.cached };
    if (transport !== 'ssh') targets.push({ ...base, transport: 'http', url: cloneUrl(p.http, key, slug) });
    if (transport !== 'http' && p.ssh !== undefined)
      targets.push({ ...base, label: `${p.label} over SSH`, transport: 'ssh', url: sshCloneUrl(p.ssh, key, slug) });
  }
  if (transport !== 'http') notes.push(...sshNotes(primary, places));
  return { targets, notes };
}

function sshNotes(primary: PrimaryConfig, places: Place[]): string[] {
  if (!primary.ssh) return [`SSH endpoints are not probed: ${primary.name} has no \`ssh\` section (url, privateKey, knownHostsFile) in the config.`];
  const missing = places.filter((p) => p.ssh === undefined).map((p) => p.label);
  return missing.length === 0 ? [] : [`Not probed over SSH (no SSH URL in the config's \`ssh\` section): ${missing.join(', ')}.`];
}

const sameUrl = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

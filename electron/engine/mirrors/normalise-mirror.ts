import type { MirrorType, PendingMirrorRequest, ProjectSelection } from '../../../shared/model/mirror';
import { bool, field, isRecord, port, text } from '../bitbucket/normalise-read';

/**
 * Pure normalisers for the mirroring payloads (reference §4 and §5). Like the primary's, they
 * accept any JSON value and never throw: an item without its key field is skipped (and counted),
 * a field of the wrong type becomes null.
 */

/** Earliest date we believe (2001) and latest (year 2200): anything outside is not a date. */
const MIN_DATE = 978_307_200_000;
const MAX_DATE = 7_258_118_400_000;

/**
 * A Bitbucket date: epoch milliseconds as a number or numeric string (what the core serialises),
 * or an ISO-8601 string (newer mirror models), reference §1.7. Anything else is null.
 */
export function parseDate(v: unknown): number | null {
  let ms: number | null = null;
  if (typeof v === 'number') ms = v;
  else if (typeof v === 'string') {
    const t = v.trim();
    if (/^\d{10,16}$/.test(t)) ms = Number(t);
    // Date.parse also takes "7" or "May"; require at least a full date.
    else if (/^\d{4}-\d{2}-\d{2}/.test(t)) ms = Date.parse(t);
  }
  return ms !== null && Number.isFinite(ms) && ms >= MIN_DATE && ms <= MAX_DATE ? Math.round(ms) : null;
}

/** A non-negative integer given as a number or a numeric string. */
export function count(v: unknown): number | null {
  const n = typeof v === 'string' && /^\d{1,15}$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

function mirrorType(v: unknown): MirrorType | null {
  const t = text(v)?.toUpperCase();
  return t === 'SINGLE' || t === 'FARM' ? t : null;
}

/** Ids are strings or numbers in Bitbucket's models; Fleetscope keeps them as strings. */
const idText = (v: unknown): string | null => text(v);

export interface MirrorServer {
  id: string;
  name: string;
  baseUrl: string;
  enabled: boolean | null;
  lastSeenAt: number | null;
  mirrorType: MirrorType | null;
  productVersion: string | null;
}

/** `RestMirrorServer` (§4.1, §4.7). Null without an id or a usable base URL. */
export function normaliseMirrorServer(raw: unknown): MirrorServer | null {
  const id = idText(field(raw, 'id'));
  const baseUrl = httpUrl(field(raw, 'baseUrl'));
  if (id === null || baseUrl === null) return null;
  return {
    id,
    name: text(field(raw, 'name')) ?? id,
    baseUrl,
    enabled: bool(field(raw, 'enabled')),
    lastSeenAt: parseDate(field(raw, 'lastSeenDate')),
    mirrorType: mirrorType(field(raw, 'mirrorType')),
    productVersion: text(field(raw, 'productVersion')),
  };
}

/** `RestMirroringRequest` (§4.5) in its PENDING state, as the snapshot carries it. */
export function normaliseMirrorRequest(raw: unknown): (PendingMirrorRequest & { state: string | null }) | null {
  const id = idText(field(raw, 'id'));
  if (id === null) return null;
  return {
    id,
    name: text(field(raw, 'mirrorName')) ?? `Mirror request ${id}`,
    mirrorId: idText(field(raw, 'mirrorId')),
    baseUrl: httpUrl(field(raw, 'mirrorBaseUrl')),
    mirrorType: mirrorType(field(raw, 'mirrorType')),
    productVersion: text(field(raw, 'productVersion')),
    state: text(field(raw, 'state'))?.toUpperCase() ?? null,
  };
}

/** A primary's repository with its content and metadata hashes (`EnrichedRepository`, §4.12). */
export interface UpstreamRepo {
  id: string;
  slug: string | null;
  projectKey: string | null;
  projectId: string | null;
  content: string | null;
  metadata: string | null;
  /** Its position in the list a mirror sweep read (`readUpstreamHashes`): the row of its node entries. */
  ordinal?: number;
}

export function normaliseUpstreamRepo(raw: unknown): UpstreamRepo | null {
  const id = idText(field(raw, 'id'));
  if (id === null) return null;
  const project = field(raw, 'project');
  const props = field(raw, 'properties');
  return {
    id,
    slug: text(field(raw, 'slug')),
    projectKey: text(field(project, 'key')),
    projectId: idText(field(project, 'id')),
    content: hash(field(props, 'contentHash')),
    metadata: hash(field(props, 'metadataHash')),
  };
}

export interface UpstreamServer {
  id: string | null;
  baseUrl: string | null;
  state: string | null;
}

/** `RestUpstreamServer` (§5.1), either generation. */
export function normaliseUpstreamServer(raw: unknown): UpstreamServer {
  return { id: idText(field(raw, 'id')), baseUrl: httpUrl(field(raw, 'baseUrl')), state: text(field(raw, 'state'))?.toUpperCase() ?? null };
}

export interface FarmNode {
  id: string | null;
  name: string;
  /** Host part of the cluster address, used to reach the node over HTTP. */
  host: string | null;
  /** `host:port` as reported, for showing. */
  address: string | null;
  buildVersion: string | null;
}

/** `GET farmNodes` (§5.2): an array of `RestClusterNode`. Entries without a name or id are skipped. */
export function normaliseFarmNodes(body: unknown): FarmNode[] | null {
  if (!Array.isArray(body)) return null;
  const nodes: FarmNode[] = [];
  const seen = new Set<string>();
  for (const raw of body) {
    if (!isRecord(raw)) continue;
    const id = idText(field(raw, 'id'));
    const name = text(field(raw, 'name')) ?? id;
    if (name === null || seen.has(id ?? name)) continue;
    seen.add(id ?? name);
    const address = field(raw, 'address');
    const host = isRecord(address) ? (text(field(address, 'address')) ?? text(field(address, 'hostName'))) : text(address);
    const p = isRecord(address) ? port(field(address, 'port')) : null;
    const shown = host === null ? null : p === null ? host : `${host.includes(':') ? `[${host}]` : host}:${p}`;
    nodes.push({ id, name, host, address: shown, buildVersion: text(field(raw, 'buildVersion')) });
  }
  return nodes;
}

export interface SyncProgress {
  discovering: boolean;
  syncedRepos: number;
  totalRepos: number;
}

/** `RestSyncProgress` (§5.3); null when it is not one. */
export function normaliseProgress(body: unknown): SyncProgress | null {
  const synced = count(field(body, 'syncedRepos'));
  const total = count(field(body, 'totalRepos'));
  if (synced === null || total === null) return null;
  return { discovering: bool(field(body, 'discovering')) ?? false, syncedRepos: synced, totalRepos: total };
}

/** One repository on one mirror node (`RestMirrorRepositorySynchronizationStatus`, §5.6). */
export interface SyncEntry {
  repoId: string;
  slug: string | null;
  initialSyncAt: number | null;
  lastSyncAt: number | null;
  failedSyncCount: number;
  content: string | null;
  metadata: string | null;
}

/** What derivation and the rows read of one node's entries: a Map of them, or a sweep's compact table (sync-entry-table.ts). */
export interface SyncEntries {
  get(repoId: string): SyncEntry | undefined;
  keys(): IterableIterator<string>;
  readonly size: number;
}

/** What one node told us this cycle: its sync entries, or why we have none. */
export type NodeSyncData = { ok: true; entries: SyncEntries } | { ok: false; reason: string };

export function normaliseSyncEntry(raw: unknown): SyncEntry | null {
  const repoId = idText(field(raw, 'externalRepoId')) ?? idText(field(raw, 'upstreamRepoId'));
  if (repoId === null) return null;
  const hashes = field(raw, 'hashes');
  return {
    repoId,
    slug: text(field(raw, 'repoSlug')),
    initialSyncAt: parseDate(field(raw, 'initialSyncDate')),
    lastSyncAt: parseDate(field(raw, 'lastSyncDate')),
    failedSyncCount: count(field(raw, 'failedSyncCount')) ?? 0,
    content: hash(field(hashes, 'content')),
    metadata: hash(field(hashes, 'metadata')),
  };
}

/** Upstream repository ids listed by `mirrorRepos/delayed-sync` (§5.5): an array, or a page of one. */
export function normaliseDelayedSync(body: unknown): Set<string> | null {
  const list = Array.isArray(body) ? body : field(body, 'values');
  if (!Array.isArray(list)) return null;
  const ids = new Set<string>();
  for (const raw of list) {
    const id = idText(field(raw, 'repositoryId')) ?? idText(field(raw, 'externalRepositoryId'));
    if (id !== null) ids.add(id);
  }
  return ids;
}

/** Upstream repository ids waiting in the farm's ref-changes queue (§5.8). */
export function normaliseQueue(body: unknown): Set<string> | null {
  const list = field(body, 'values');
  if (!Array.isArray(list)) return null;
  const ids = new Set<string>();
  for (const raw of list) {
    const id = idText(field(raw, 'externalRepoId'));
    if (id !== null) ids.add(id);
  }
  return ids;
}

/** `refChangesQueue/count` (§5.8): a bare number per the spec; a `{count}` object is accepted too. */
export function normaliseQueueCount(body: unknown): number | null {
  return count(body) ?? count(field(body, 'count'));
}

/** `RestUpstreamSettings` (§5.11): which projects the mirror synchronizes. */
export function normaliseSyncSettings(body: unknown): ProjectSelection | null {
  const mode = text(field(body, 'mode'))?.toUpperCase();
  if (mode !== 'ALL_PROJECTS' && mode !== 'SELECTED_PROJECTS') return null;
  const ids = field(body, 'projectIds');
  const projectIds = Array.isArray(ids) ? ids.map(idText).filter((x): x is string => x !== null) : [];
  return { mode, projectIds: [...new Set(projectIds)] };
}

/** Hashes are hex digests; anything else (or an empty string) counts as absent. */
function hash(v: unknown): string | null {
  const t = text(v);
  return t !== null && /^[0-9a-f]{8,128}$/i.test(t) ? t.toLowerCase() : null;
}

function httpUrl(v: unknown): string | null {
  const t = text(v);
  if (t === null || !/^https?:\/\//i.test(t)) return null;
  try {
    new URL(t);
  } catch {
    // Not a URL a client could call: treat as absent rather than fail the whole answer.
    return null;
  }
  return t.replace(/\/+$/, '');
}

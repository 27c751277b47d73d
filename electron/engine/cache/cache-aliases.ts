import type { CacheKind, CacheProtocol } from '../../../shared/model/cache';
import { asWord, type Json } from './cache-values';

/**
 * The names the scm-cache statistics may use for each figure (reference §3.3: the shape is
 * undocumented), in the order they are tried. A dotted name walks into nested objects.
 */
export const ALIASES = {
  active: ['enabled', 'active', 'cachingEnabled', 'cacheEnabled'],
  size: ['totalSize', 'size', 'totalBytes', 'sizeBytes', 'bytes', 'diskUsage', 'usedSpace'],
  hits: ['hits', 'hitCount', 'cacheHits', 'totalHits'],
  misses: ['misses', 'missCount', 'cacheMisses', 'totalMisses'],
  freeBytes: ['freeSpace', 'freeDiskSpace', 'freeBytes', 'availableSpace', 'usableSpace', 'disk.free'],
  minimumFreeBytes: ['minimumFreeSpace', 'minFreeSpace', 'minimumFreeDiskSpace', 'minimum.free.space', 'disk.minimumFree'],
  byKind: ['statistics', 'byType', 'types', 'byKind'],
  list: ['repositories', 'caches', 'entries', 'repos', 'values'],
  projectKey: ['projectKey', 'project.key', 'repository.project.key', 'project'],
  repoSlug: ['repoSlug', 'repositorySlug', 'slug', 'repository.slug', 'repository', 'repo'],
  kind: ['type', 'cacheType', 'kind', 'operation'],
  protocol: ['protocol', 'transport', 'scheme'],
  version: ['gitProtocolVersion', 'protocolVersion', 'gitProtocol', 'wireProtocol', 'version'],
  lastAccessed: ['lastAccessed', 'lastAccess', 'lastAccessTime', 'lastAccessDate', 'lastUsed', 'accessed'],
  expiresAt: ['expiry', 'expires', 'expiresAt', 'expiryDate', 'expiryTime'],
} as const;

const KIND_WORDS: Record<string, CacheKind> = {
  refs: 'refs',
  ref: 'refs',
  'ref-advertisement': 'refs',
  'refs-advertisement': 'refs',
  'ref-advertisements': 'refs',
  refadvertisement: 'refs',
  advertisement: 'refs',
  'upload-pack': 'upload-pack',
  uploadpack: 'upload-pack',
  upload_pack: 'upload-pack',
  clone: 'upload-pack',
  pack: 'upload-pack',
};

export const kindOf = (v: Json): CacheKind | null => {
  const w = asWord(v);
  return w === null ? null : (KIND_WORDS[w] ?? null);
};

export const protocolOf = (v: Json): CacheProtocol | null => {
  const w = asWord(v);
  if (w === 'http' || w === 'https') return 'http';
  return w === 'ssh' ? 'ssh' : null;
};

export const gitVersionOf = (v: Json): number | null => {
  const text = typeof v === 'number' ? String(v) : asWord(v);
  const m = text === null ? null : /^v?([12])(\.0)?$/.exec(text);
  return m ? Number(m[1]) : null;
};

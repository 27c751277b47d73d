import type { Snapshot } from '../../shared/model';
import { DOC_LINK_PREFIXES } from '../../shared/security/doc-links';

/** The part of `shell` this module needs, so tests can pass a fake. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Whether a URL is a plain web link.
 *
 * Only web links: `file:`, `smb:`, custom app schemes and the like can run programs or reach
 * the local network through the OS handler (Electron security checklist, item 15). Links with
 * embedded credentials are refused too; nothing in the app produces them.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return EXTERNAL_PROTOCOLS.has(parsed.protocol) && parsed.username === '' && parsed.password === '';
}

/** The origins of the fleet's own hosts in a snapshot: primaries, their nodes, mirror farms and their nodes. */
export function fleetOrigins(snapshot: Pick<Snapshot, 'primaries' | 'mirrorFarms'>): Set<string> {
  const urls = [
    ...snapshot.primaries.flatMap((p) => [p.baseUrl, ...p.nodes.map((n) => n.baseUrl)]),
    ...snapshot.mirrorFarms.flatMap((f) => [f.baseUrl, ...f.nodes.map((n) => n.baseUrl)]),
  ];
  return new Set(urls.filter((u): u is string => u !== null && URL.canParse(u)).map((u) => new URL(u).origin));
}

/**
 * Whether the app may hand a URL to the system browser: a web link to one of the fleet's own
 * hosts, or to documentation the app links to. A compromised or confused renderer cannot use the
 * OS handler to open anything else.
 */
export function isAllowedExternalUrl(url: string, fleet: ReadonlySet<string>): boolean {
  if (!isSafeExternalUrl(url)) return false;
  const parsed = new URL(url);
  return fleet.has(parsed.origin) || DOC_LINK_PREFIXES.some((prefix) => parsed.href.startsWith(prefix));
}

/** What decides and does the opening: the fleet's origins as last seen, and the OS opener. */
export interface ExternalLinkPolicy {
  opener: ExternalOpener;
  fleetOrigins(): ReadonlySet<string>;
}

/** Opens a link of the fleet or of its documentation in the user's browser; anything else is refused and logged. */
export function openExternalSafely(url: string, policy: ExternalLinkPolicy, log: Pick<Console, 'warn'> = console): void {
  if (!isAllowedExternalUrl(url, policy.fleetOrigins())) {
    log.warn(`[fleetscope] refused to open a link outside the fleet and its documentation: ${url.slice(0, 200)}`);
    return;
  }
  policy.opener.openExternal(url).catch((err: unknown) => {
    log.warn(`[fleetscope] could not open ${url.slice(0, 200)}: ${err instanceof Error ? err.message : String(err)}`);
  });
}

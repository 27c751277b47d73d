/** The part of `shell` this module needs, so tests can pass a fake. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Whether a URL may be handed to the operating system.
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

/** Opens a web link in the user's browser; anything else is refused and logged. */
export function openExternalSafely(url: string, opener: ExternalOpener, log: Pick<Console, 'warn'> = console): void {
  if (!isSafeExternalUrl(url)) {
    log.warn(`[fleetscope] refused to open a non-web link externally: ${url.slice(0, 200)}`);
    return;
  }
  opener.openExternal(url).catch((err: unknown) => {
    log.warn(`[fleetscope] could not open ${url.slice(0, 200)}: ${err instanceof Error ? err.message : String(err)}`);
  });
}

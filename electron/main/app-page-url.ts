/**
 * A `file:` URL reduced to what identifies the file: the host (UNC server) in lower case and the
 * path as decoded segments, with a Windows drive letter in upper case. Null for anything that is
 * not a `file:` URL. Query and fragment are dropped (the renderer routes by hash).
 *
 * Needed because the two sides spell one file differently: Chromium reports `file:///C:/…` while
 * Node's `pathToFileURL` keeps the drive letter as the working folder had it (`c:` after `cd c:\`),
 * and the two encode different sets of characters (spaces, `^`, `{`, non-ASCII).
 */
export function fileUrlIdentity(url: string): { host: string; segments: string[] } | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'file:') return null;
  const segments = parsed.pathname.split('/').map(decodeSegment);
  // `/c:/…` (and the legacy `/c|/…`): the first segment after the leading slash is the drive.
  const drive = segments[1];
  if (drive !== undefined && /^[A-Za-z][:|]$/.test(drive)) segments[1] = `${drive[0]!.toUpperCase()}:`;
  return { host: parsed.host.toLowerCase(), segments };
}

/**
 * Whether `url` shows the app page. Segments are compared one by one after decoding, so an
 * encoded slash (`dist%2Frenderer`) is never taken for a folder boundary, and look-alikes such as
 * `index.html.evil` or another host stay different.
 */
export function isAppPageUrl(url: string, pageUrl: string): boolean {
  const candidate = fileUrlIdentity(url);
  const page = fileUrlIdentity(pageUrl);
  if (candidate === null || page === null) return false;
  return candidate.host === page.host && candidate.segments.length === page.segments.length && candidate.segments.every((s, i) => s === page.segments[i]);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A stray `%` that is no escape: Chromium and Node both keep such a segment as it is.
    return segment;
  }
}

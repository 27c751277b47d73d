/**
 * The Content-Security-Policy of the app's page: one source for the header the desktop shell and
 * the browser-mode server send and for the `<meta>` the built page carries.
 *
 * The renderer makes no network request of its own on the desktop (fleet traffic runs in the
 * engine, and IPC is not fetch), so `connect-src` is closed there; in browser mode the page talks
 * to its own server's API, and only to it. Scripts and styles come only from the bundle next to
 * the page; nothing may frame it or be framed by it. No 'unsafe-inline', no 'unsafe-eval': the
 * vite build emits external files only.
 */
const policy = (connect: "'none'" | "'self'"): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

/** The desktop window's policy (Electron's session header). */
export const DESKTOP_CSP = policy("'none'");

/** Browser mode's policy: the desktop's, with the page's own API reachable. */
export const BROWSER_CSP = policy("'self'");

/**
 * A header policy as a `<meta http-equiv>` can carry it: `frame-ancestors` is not honoured in a
 * meta element (browsers ignore it there and warn), so it is left to the header alone.
 */
export const metaPolicy = (header: string): string =>
  header
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors '))
    .join('; ');

/** The `<meta>` element for a header policy. */
export const cspMetaTag = (header: string): string => `<meta http-equiv="Content-Security-Policy" content="${metaPolicy(header)}" />`;

/** Matches the page's CSP `<meta>` element, to replace it with another policy's. */
export const CSP_META_PATTERN = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/i;

/**
 * The Content-Security-Policy of every page the app shows.
 *
 * The renderer makes no network request of its own (all fleet traffic runs in the engine, and
 * IPC is not fetch), so `connect-src` is closed; scripts and styles come only from the bundle
 * next to the page; nothing may frame it or be framed by it. No 'unsafe-inline', no
 * 'unsafe-eval': the vite build emits external files only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Response headers with our policy in place of any the response carried.
 *
 * Replaced rather than added, so the policy in force is exactly the one above and a test can
 * say what it is; header names are case-insensitive, hence the lower-case comparison.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

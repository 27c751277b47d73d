import { DESKTOP_CSP } from '../../shared/security/content-security-policy';

/** The policy of every page the desktop shows; see shared/security for why each directive. */
export const CONTENT_SECURITY_POLICY = DESKTOP_CSP;

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

/** Defaults for a 429 without a usable `Retry-After`, as Atlassian's own Jenkins client does. */
export const RETRY_AFTER_DEFAULT_MS = 5_000;
/** Never wait longer than this on one `Retry-After`, however long the server asks. */
export const RETRY_AFTER_CAP_MS = 60_000;

/**
 * How long to wait before the next request, from a `Retry-After` header value.
 *
 * Bitbucket sends whole seconds; RFC 9110 also allows an HTTP date, accepted too. Absent,
 * unparsable or negative values give the default (5 s); the result is capped (60 s) so a
 * misconfigured proxy cannot park the poller for hours.
 */
export function parseRetryAfter(value: string | string[] | undefined | null, now: number, opts: { defaultMs?: number; capMs?: number } = {}): number {
  const defaultMs = opts.defaultMs ?? RETRY_AFTER_DEFAULT_MS;
  const capMs = opts.capMs ?? RETRY_AFTER_CAP_MS;
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return Math.min(defaultMs, capMs);
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(raw)) {
    ms = Number(raw) * 1000;
  } else {
    const at = Date.parse(raw);
    ms = Number.isNaN(at) || !/[a-z]/i.test(raw) ? Number.NaN : Math.max(0, at - now);
  }
  if (!Number.isFinite(ms) || ms < 0) ms = defaultMs;
  return Math.min(Math.round(ms), capMs);
}

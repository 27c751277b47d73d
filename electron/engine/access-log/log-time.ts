/**
 * A time on the log's own clock (access logs carry no time zone; Fleetscope reads them as UTC):
 * "2026-11-02", "2026-11-02 14:00", "2026-11-02 14:00:30", or an ISO time with a zone.
 */
export function parseLogTime(text: string, what: string): number {
  const t = text.trim();
  const plain = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  const ms = plain
    ? Date.UTC(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3]), Number(plain[4] ?? 0), Number(plain[5] ?? 0), Number(plain[6] ?? 0))
    : /[zZ]|[+-]\d{2}:?\d{2}$/.test(t)
      ? Date.parse(t)
      : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} "${text}" is not a time: use "2026-11-02 14:00" (the log's clock) or an ISO time with a zone.`);
  return ms;
}

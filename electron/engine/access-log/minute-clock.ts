/**
 * A line's `YYYY-MM-DD HH:MM:SS,mmm` read from its bytes without Date: the reference for the
 * WebAssembly port in wasm/log-time.ts.
 */

const SP = 32;
const COMMA = 44;
const DASH = 45;

/** Days from 1970-01-01 to a civil date (proleptic Gregorian), without Date. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const digit = (buf: Buffer, p: number): number => {
  const c = buf[p]! - 48;
  return c >= 0 && c <= 9 ? c : -1000;
};

/** `YYYY-MM-DD HH:MM:SS,mmm` at p as epoch ms of the log's own wall clock (read as UTC), or -1. */
export function readTime(buf: Buffer, p: number, end: number): number {
  if (end - p < 23 || buf[p + 4] !== DASH || buf[p + 7] !== DASH || buf[p + 10] !== SP || buf[p + 19] !== COMMA) return -1;
  const y = digit(buf, p) * 1000 + digit(buf, p + 1) * 100 + digit(buf, p + 2) * 10 + digit(buf, p + 3);
  const mo = digit(buf, p + 5) * 10 + digit(buf, p + 6);
  const d = digit(buf, p + 8) * 10 + digit(buf, p + 9);
  const h = digit(buf, p + 11) * 10 + digit(buf, p + 12);
  const mi = digit(buf, p + 14) * 10 + digit(buf, p + 15);
  const s = digit(buf, p + 17) * 10 + digit(buf, p + 18);
  const ms = digit(buf, p + 20) * 100 + digit(buf, p + 21) * 10 + digit(buf, p + 22);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 || ms < 0) return -1;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms;
}

/** Bytes of `YYYY-MM-DD HH:MM`: what lines of the same minute share. */
const MINUTE_BYTES = 16;

/**
 * `readTime` with the last minute remembered: lines come in time order, so most share the minute
 * of the line before and only their seconds and milliseconds are read (the date's arithmetic once
 * a minute, not once a line). Gives exactly what `readTime` gives, valid or not.
 */
export class MinuteClock {
  private readonly minute = new Uint8Array(MINUTE_BYTES);
  /** Epoch ms of `minute`; -1 while none is remembered. */
  private minuteMs = -1;

  read(buf: Buffer, p: number, end: number): number {
    if (this.minuteMs >= 0 && end - p >= 23 && buf[p + 19] === COMMA && this.sameMinute(buf, p)) {
      const s = digit(buf, p + 17) * 10 + digit(buf, p + 18);
      const ms = digit(buf, p + 20) * 100 + digit(buf, p + 21) * 10 + digit(buf, p + 22);
      return s < 0 || s > 60 || ms < 0 ? -1 : this.minuteMs + s * 1000 + ms;
    }
    const time = readTime(buf, p, end);
    if (time >= 0) {
      this.minute.set(buf.subarray(p, p + MINUTE_BYTES));
      this.minuteMs = time - (digit(buf, p + 17) * 10 + digit(buf, p + 18)) * 1000 - (digit(buf, p + 20) * 100 + digit(buf, p + 21) * 10 + digit(buf, p + 22));
    }
    return time;
  }

  /** From the minute's last digit back: the bytes that change most often first. */
  private sameMinute(buf: Buffer, p: number): boolean {
    const m = this.minute;
    for (let i = MINUTE_BYTES - 1; i >= 0; i--) if (buf[p + i] !== m[i]) return false;
    return true;
  }
}

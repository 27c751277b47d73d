// AssemblyScript (see access-line.ts): a line's time, as `readTime` and `MinuteClock` of
// electron/engine/access-log/line-parser.ts read it.
import { byte, COMMA, DASH, digit, SP } from './bytes';

// The minute of the last valid time read (MinuteClock): its 16 bytes and epoch ms, -1 while none.
let minuteLo: u64 = 0;
let minuteHi: u64 = 0;
let minuteMs: f64 = -1;

function daysFromCivil(y: i32, m: i32, d: i32): i32 {
  y -= m <= 2 ? 1 : 0;
  // y >= 1969 here: integer division is floor.
  const era = y / 400;
  const yoe = y - era * 400;
  const doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/** `readTime` of the reference: `YYYY-MM-DD HH:MM:SS,mmm` at p as epoch ms, or -1. */
function readTime(p: u32, end: u32): f64 {
  if (<i32>end - <i32>p < 23 || byte(p + 4) != DASH || byte(p + 7) != DASH || byte(p + 10) != SP || byte(p + 19) != COMMA) return -1;
  const y = digit(p) * 1000 + digit(p + 1) * 100 + digit(p + 2) * 10 + digit(p + 3);
  const mo = digit(p + 5) * 10 + digit(p + 6);
  const d = digit(p + 8) * 10 + digit(p + 9);
  const h = digit(p + 11) * 10 + digit(p + 12);
  const mi = digit(p + 14) * 10 + digit(p + 15);
  const s = digit(p + 17) * 10 + digit(p + 18);
  const ms = digit(p + 20) * 100 + digit(p + 21) * 10 + digit(p + 22);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 || ms < 0) return -1;
  return <f64>((<i64>daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000.0 + <f64>(s * 1000 + ms);
}

/** `MinuteClock.read` of the reference: the date's arithmetic once a minute. */
export function readClock(p: u32, end: u32): f64 {
  if (minuteMs >= 0 && <i32>end - <i32>p >= 23 && byte(p + 19) == COMMA && load<u64>(p + 8) == minuteHi && load<u64>(p) == minuteLo) {
    const s = digit(p + 17) * 10 + digit(p + 18);
    const ms = digit(p + 20) * 100 + digit(p + 21) * 10 + digit(p + 22);
    return s < 0 || s > 60 || ms < 0 ? -1 : minuteMs + <f64>(s * 1000 + ms);
  }
  const time = readTime(p, end);
  if (time >= 0) {
    minuteLo = load<u64>(p);
    minuteHi = load<u64>(p + 8);
    minuteMs = time - <f64>((digit(p + 17) * 10 + digit(p + 18)) * 1000) - <f64>(digit(p + 20) * 100 + digit(p + 21) * 10 + digit(p + 22));
  }
  return time;
}

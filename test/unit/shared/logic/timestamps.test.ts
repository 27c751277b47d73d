import { afterEach, describe, expect, it } from 'vitest';
import { formatClock, formatTimestamp } from '../../../../shared/logic/units';

const AT = Date.UTC(2026, 0, 15, 12, 0, 5);

describe('one timestamp convention', () => {
  it('absolute times are 24-hour, date first, with the time zone', () => {
    expect(formatTimestamp(AT, 'UTC')).toBe('2026-01-15 12:00:05 UTC');
    expect(formatTimestamp(AT, 'America/New_York')).toBe('2026-01-15 07:00:05 EST');
    expect(formatTimestamp(Date.UTC(2026, 6, 1, 23, 30, 0), 'Asia/Tokyo')).toBe('2026-07-02 08:30:00 GMT+9');
    expect(formatTimestamp(null)).toBe('—');
  });

  it('chart axes show the time of day, 24-hour', () => {
    expect(formatClock(AT, 'UTC')).toBe('12:00');
    expect(formatClock(Date.UTC(2026, 0, 15, 23, 59), 'UTC')).toBe('23:59');
  });

  describe('local time of day (Date getters) against the zone named to Intl', () => {
    const saved = process.env['TZ'];
    afterEach(() => {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    });
    // Zones with summer time, a half-hour offset, a 30-minute summer shift, and one ahead of UTC by 13 h.
    it.each(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Auckland', 'UTC'])('%s', (zone) => {
      process.env['TZ'] = zone; // Node resets Date's zone when TZ is assigned.
      const from = Date.UTC(2026, 0, 1);
      for (let t = from; t < from + 366 * 86_400_000; t += 17 * 60_000 + 3_000) {
        expect(formatClock(t)).toBe(formatClock(t, zone));
        expect(formatClock(t, undefined, true)).toBe(formatClock(t, zone, true));
      }
    });
  });
});

import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../../shared/logic/route';
import { fixedWindowParams, MIN_SPAN_MS, rangeLabel, rangeSeconds, resolveTimeRange } from '../../../../shared/logic/time-range';

const NOW = Date.UTC(2026, 0, 15, 14, 5);

describe('the shared time range', () => {
  it('is the live last hour by default and for anything it cannot read', () => {
    expect(resolveTimeRange({}, NOW)).toEqual({ from: NOW - 3_600_000, to: NOW, live: true, rangeId: '1h' });
    expect(resolveTimeRange({ range: 'soon' }, NOW).rangeId).toBe('1h');
    expect(resolveTimeRange({ from: 'x', to: '5' }, NOW).live).toBe(true);
  });

  it('reads "last N" in minutes, hours or days, within a minute and 90 days', () => {
    expect(rangeSeconds('15m')).toBe(900);
    expect(rangeSeconds('90m')).toBe(5_400);
    expect(rangeSeconds('3d')).toBe(259_200);
    expect(rangeSeconds('0m')).toBeNull();
    expect(rangeSeconds('91d')).toBeNull();
    expect(rangeLabel('7d')).toBe('7 d');
    expect(rangeLabel('90m')).toBe('90 min');
    expect(resolveTimeRange({ range: '6h' }, NOW)).toMatchObject({ from: NOW - 6 * 3_600_000, to: NOW, live: true });
  });

  it('fixes the window named by from and to (a zoom, or paused), keeping the relative range to resume to', () => {
    const from = NOW - 20 * 60_000;
    expect(resolveTimeRange({ range: '6h', from: String(from), to: String(NOW) }, NOW + 999_999)).toEqual({ from, to: NOW, live: false, rangeId: '6h' });
  });

  it('widens a zoom narrower than a minute about its middle, in either drag direction', () => {
    expect(fixedWindowParams(NOW, NOW - 10 * 60_000)).toEqual({ from: String(NOW - 10 * 60_000), to: String(NOW) });
    const narrow = fixedWindowParams(NOW, NOW + 10_000);
    expect(Number(narrow.to) - Number(narrow.from)).toBe(MIN_SPAN_MS);
    expect((Number(narrow.to) + Number(narrow.from)) / 2).toBe(NOW + 5_000);
  });

  it('lives in the route: range, from and to survive a round trip, as do the Timeline filters', () => {
    const hash = '#/timeline?range=6h&from=1768485900000&to=1768489500000&target=prod&kind=status&severity=critical';
    expect(formatRoute(parseRoute(hash))).toBe(hash);
  });
});

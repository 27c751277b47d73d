import { describe, expect, it } from 'vitest';
import { KIOSK_DEFAULT_SECONDS, KIOSK_VIEWS, kioskSeconds, nextKioskView } from '../../../../shared/logic/kiosk';
import { formatRoute, parseRoute } from '../../../../shared/logic/route';

describe('kiosk mode in the route', () => {
  it('is off without the param, on with the default for a bare ?kiosk, and on with the seconds given', () => {
    expect(kioskSeconds(parseRoute('#/overview').params.kiosk)).toBeNull();
    expect(kioskSeconds(parseRoute('#/overview?kiosk').params.kiosk)).toBe(KIOSK_DEFAULT_SECONDS);
    expect(kioskSeconds(parseRoute('#/caches?range=6h&kiosk=45').params.kiosk)).toBe(45);
    expect(kioskSeconds('30s')).toBe(30);
    expect(kioskSeconds('nonsense')).toBe(KIOSK_DEFAULT_SECONDS);
  });

  it('keeps the interval between a glance and an hour', () => {
    expect(kioskSeconds('0')).toBe(2);
    expect(kioskSeconds('86400')).toBe(3600);
  });

  it('survives a round trip through the hash with the time range', () => {
    const route = parseRoute('#/storage?kiosk&range=24h');
    expect(formatRoute(route)).toBe('#/storage?range=24h&kiosk=on');
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('rotates through the views that show the fleet, back to the first, and from any other view to the first', () => {
    expect(KIOSK_VIEWS.map((v) => nextKioskView(v))).toEqual(['caches', 'mirrors', 'storage', 'timeline', 'overview']);
    expect(nextKioskView('settings')).toBe('overview');
    expect(nextKioskView('repo')).toBe('overview');
  });
});

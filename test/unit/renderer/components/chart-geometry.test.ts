import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../../shared/model';
import { bucketMarkers, MARKER_PX, markerText, nearestIndex, pathOf, timeTicks } from '../../../../renderer/components/time-chart/chart-geometry';

const T0 = Date.UTC(2026, 0, 15, 12, 0);
const event = (at: number, severity: FleetEvent['severity'] = 'info', id = at): FleetEvent => ({
  id,
  at,
  kind: 'status',
  severity,
  targetId: 'prod',
  subject: null,
  text: `event at ${at}`,
  demo: false,
});

describe('time chart geometry', () => {
  it('puts time ticks on round minutes, no more than fit the width, each a different time', () => {
    const ticks = timeTicks(T0 + 17_000, T0 + 3_600_000, 600);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.length).toBeLessThanOrEqual(Math.floor(600 / 84));
    for (const t of ticks) expect(t % 60_000).toBe(0);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('draws a path that breaks where a value is missing, steps when asked', () => {
    const x = (t: number): number => t;
    const y = (v: number): number => v;
    expect(
      pathOf(
        [
          [0, 1],
          [10, 2],
          [20, null],
          [30, 3],
        ],
        x,
        y,
      ),
    ).toBe('M0.0,1.0L10.0,2.0M30.0,3.0');
    expect(
      pathOf(
        [
          [0, 1],
          [10, 2],
        ],
        x,
        y,
        true,
      ),
    ).toBe('M0.0,1.0H10.0V2.0');
  });

  it('finds the nearest point by binary search', () => {
    const points = [
      [0, 1],
      [10, 2],
      [20, 3],
    ] as const;
    expect(nearestIndex(points, -5)).toBe(0);
    expect(nearestIndex(points, 14)).toBe(1);
    expect(nearestIndex(points, 16)).toBe(2);
    expect(nearestIndex([], 5)).toBe(-1);
  });

  it('bucket markers per few pixels: 100,000 events become at most one marker per bucket, each with its worst severity', () => {
    const span = 7 * 86_400_000;
    const events = Array.from({ length: 100_000 }, (_, i) => event(T0 + Math.floor((i / 100_000) * span), i % 50 === 0 ? 'critical' : 'info', i));
    const buckets = bucketMarkers(events, T0, T0 + span, 50, 800);
    expect(buckets.length).toBeLessThanOrEqual(800 / MARKER_PX);
    expect(buckets.reduce((n, b) => n + b.events.length, 0)).toBe(100_000);
    expect(buckets.every((b) => b.severity === 'critical')).toBe(true);
    expect(buckets.every((b) => b.x >= 50 && b.x <= 850)).toBe(true);
  });

  it('leaves out events outside the window and names the first few of a marker', () => {
    expect(bucketMarkers([event(T0 - 1), event(T0 + 10)], T0, T0 + 1000, 0, 100)).toHaveLength(1);
    const text = markerText([event(T0 + 3), event(T0 + 1), event(T0 + 2)], 2);
    expect(text.split('\n')).toEqual([expect.stringContaining(`event at ${T0 + 1}`), expect.stringContaining(`event at ${T0 + 2}`), 'and 1 more']);
  });
});

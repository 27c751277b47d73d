import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../../shared/model';
import {
  bucketMarkers,
  gridPath,
  MARKER_PX,
  markerPaths,
  markerText,
  nearestIndex,
  pathOf,
  timeTicks,
} from '../../../../renderer/components/time-chart/chart-geometry';

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

  it('draws the grid as one path with the same segments the per-row <line> elements drew', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 6 }),
        (left, width, ys) => {
          const segments = [
            ...gridPath(
              left,
              width,
              ys.map((y) => ({ y })),
            ).matchAll(/M([^,]+),([^H]+)H([^M]+)/g),
          ].map((m) => m.slice(1).map(Number));
          // What <line x1={left} x2={left + width} y1={y} y2={y}> drew per row.
          expect(segments).toEqual(ys.map((y) => [left, y, left + width]));
        },
      ),
    );
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

  it("places the engine's slices on the plot, one marker per few pixels, each with its count and worst severity", () => {
    const span = 7 * 86_400_000;
    // 2,000 slices with events, as the engine answers for a wide chart: at most one marker per column of this 800 px plot.
    const buckets = Array.from({ length: 2_000 }, (_, i) => ({
      index: i,
      count: 50,
      severity: i % 7 === 0 ? ('critical' as const) : ('info' as const),
      events: [event(T0 + i)],
    }));
    const markers = bucketMarkers({ from: T0, to: T0 + span, slices: 2_000, buckets }, T0, T0 + span, 50, 800);
    expect(markers.length).toBe(800 / MARKER_PX);
    expect(markers.reduce((n, b) => n + b.count, 0)).toBe(100_000);
    expect(markers.every((b) => b.severity === 'critical')).toBe(true);
    expect(markers.every((b) => b.x >= 50 && b.x <= 850)).toBe(true);
  });

  it('leaves out slices outside a zoomed window and keeps each slice at its time', () => {
    const markers = { from: T0, to: T0 + 1000, slices: 10, buckets: [0, 5, 9].map((index) => ({ index, count: 1, severity: 'info' as const, events: [] })) };
    // Zoomed to the second half: only the slices centred at 550 and 950 ms are in it.
    const shown = bucketMarkers(markers, T0 + 500, T0 + 1000, 0, 100);
    expect(shown.map((b) => b.x)).toEqual([(Math.floor(10 / MARKER_PX) + 0.5) * MARKER_PX, (Math.floor(90 / MARKER_PX) + 0.5) * MARKER_PX]);
    expect(bucketMarkers(undefined, T0, T0 + 1000, 0, 100)).toEqual([]);
  });

  it('draws the markers of one severity as two paths', () => {
    const shown = [
      { x: 10, severity: 'info' as const, count: 1, events: [] },
      { x: 20, severity: 'critical' as const, count: 3, events: [] },
      { x: 30, severity: 'info' as const, count: 2, events: [] },
    ];
    expect(markerPaths(shown, 'info', 8, 80)).toEqual({ lines: 'M10.0,8V80M30.0,8V80', heads: 'M6.0,8h8l-4,5zM26.0,8h8l-4,5z' });
    expect(markerPaths(shown, 'warning', 8, 80)).toEqual({ lines: '', heads: '' });
  });

  it('names the oldest few events of a marker and how many more it stands for', () => {
    const text = markerText([event(T0 + 3), event(T0 + 1), event(T0 + 2)], 1_250, 2);
    expect(text.split('\n')).toEqual([expect.stringContaining(`event at ${T0 + 1}`), expect.stringContaining(`event at ${T0 + 2}`), 'and 1,248 more']);
    expect(markerText([event(T0 + 1)]).split('\n')).toHaveLength(1);
  });
});

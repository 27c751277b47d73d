// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeChart, type ChartAxis } from '../../renderer/components/time-chart/time-chart';

const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 0, 15, 0, 0, 0);
const RATIO: ChartAxis = { format: (v) => `${Math.round(v * 100)} %`, max: 1 };
const COUNT: ChartAxis = { format: (v) => String(v), max: 10, color: '#123456' };

afterEach(cleanup);

const labels = (text: Element): { x: string | null; y: string | null; text: string | null }[] =>
  [...text.children].map((t) => ({ x: t.getAttribute('x'), y: t.getAttribute('y'), text: t.textContent }));

describe('the time chart’s axis labels (session 21)', () => {
  it('are one <text> per axis, each label a <tspan> at its own x and y, anchored as before', () => {
    const { container } = render(
      <TimeChart
        from={FROM}
        to={FROM + 6 * HOUR}
        width={800}
        height={220}
        series={[{ id: 'a', label: 'a', color: '#888', points: [[FROM, 0.5]] }]}
        left={RATIO}
        right={COUNT}
        label="test chart"
      />,
    );
    // One inline layout per axis rather than one per label: the labels were most of the first draw's style and layout.
    const texts = [...container.querySelectorAll('svg text')];
    expect(texts).toHaveLength(3);
    const [left, right, time] = texts as [Element, Element, Element];
    expect(left.getAttribute('text-anchor')).toBe('end');
    expect(left.getAttribute('font-size')).toBe('11');
    expect(labels(left)).toEqual([
      { x: '48', y: '206', text: '0 %' },
      { x: '48', y: '109', text: '50 %' },
      { x: '48', y: '12', text: '100 %' },
    ]);
    expect(right.getAttribute('fill')).toBe('#123456');
    expect(right.getAttribute('text-anchor')).toBeNull();
    expect(labels(right).map((l) => [l.x, l.text])).toEqual([
      ['756', '0'],
      ['756', '5'],
      ['756', '10'],
    ]);
    expect(time.getAttribute('text-anchor')).toBe('middle');
    expect(time.children.length).toBeGreaterThanOrEqual(2);
    for (const t of time.children) {
      expect(t.tagName).toBe('tspan');
      expect(t.getAttribute('y')).toBe('216');
      expect(t.textContent).toMatch(/^\d\d:\d\d$/);
    }
  });
});

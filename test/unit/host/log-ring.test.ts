import { describe, expect, it } from 'vitest';
import { createLogRing } from '../../../electron/host/log-ring';

describe('the in-memory log', () => {
  it('keeps the most recent lines up to its bound, each with its time and level', () => {
    let t = Date.UTC(2026, 10, 2, 14);
    const ring = createLogRing(3, () => (t += 1000));
    for (let i = 1; i <= 5; i++) ring.warn(`line ${i}`);
    ring.error('failed:', new Error('boom'));
    expect(ring.lines()).toHaveLength(3);
    expect(ring.lines()[0]).toBe('2026-11-02T14:00:04.000Z warn line 4');
    expect(ring.lines()[2]).toMatch(/^2026-11-02T14:00:06\.000Z error failed: Error: boom/);
  });

  it('cuts a runaway line short', () => {
    const ring = createLogRing(10, () => 0);
    ring.info('x'.repeat(5_000));
    expect(ring.lines()[0]!.length).toBeLessThan(2_100);
    expect(ring.lines()[0]!.endsWith('…')).toBe(true);
  });
});

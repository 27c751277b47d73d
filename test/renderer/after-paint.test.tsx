// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, PAINT_AT_THE_LATEST_MS, useTrueAfterNextPaint, type AfterPaint } from '../../renderer/components/after-paint';

/** A paint the test triggers by hand. */
const manualPaints = () => {
  const waiting: (() => void)[] = [];
  const next: AfterPaint = (run) => {
    waiting.push(run);
    return () => void waiting.splice(waiting.indexOf(run), 1);
  };
  return { next, paint: () => waiting.splice(0).forEach((run) => run()), pending: () => waiting.length };
};

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('afterNextPaint (work a store update starts, after the frame that shows the update)', () => {
  it('runs once after the paint, not before it, and drops its fallback', () => {
    vi.useFakeTimers();
    const paints = manualPaints();
    const run = vi.fn();
    afterNextPaint(run, paints.next);
    vi.advanceTimersByTime(PAINT_AT_THE_LATEST_MS - 1);
    expect(run).not.toHaveBeenCalled();
    paints.paint();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(PAINT_AT_THE_LATEST_MS);
    expect(run).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs after PAINT_AT_THE_LATEST_MS when no frame is painted (a hidden page), once', () => {
    vi.useFakeTimers();
    const paints = manualPaints();
    const run = vi.fn();
    afterNextPaint(run, paints.next);
    vi.advanceTimersByTime(PAINT_AT_THE_LATEST_MS);
    expect(run).toHaveBeenCalledTimes(1);
    expect(paints.pending()).toBe(0);
  });

  it('runs in a task of its own where nothing paints, and never once cancelled', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    afterNextPaint(run, null);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
    const paints = manualPaints();
    const cancelled = vi.fn();
    afterNextPaint(cancelled, paints.next)();
    paints.paint();
    vi.advanceTimersByTime(PAINT_AT_THE_LATEST_MS);
    expect(cancelled).not.toHaveBeenCalled();
  });
});

describe('useTrueAfterNextPaint', () => {
  const Flag = ({ flag, next }: { flag: boolean; next: AfterPaint }) => <p data-testid="flag">{String(useTrueAfterNextPaint(flag, next))}</p>;

  it('is false while the flag is, and turns true only after the frame that followed the flag', () => {
    const paints = manualPaints();
    const { rerender } = render(<Flag flag={false} next={paints.next} />);
    expect(paints.pending()).toBe(0);
    rerender(<Flag flag next={paints.next} />);
    expect(screen.getByTestId('flag').textContent).toBe('false');
    act(() => paints.paint());
    expect(screen.getByTestId('flag').textContent).toBe('true');
    rerender(<Flag flag={false} next={paints.next} />);
    expect(screen.getByTestId('flag').textContent).toBe('false');
  });
});

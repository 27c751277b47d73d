// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AfterPaint } from '../../renderer/components/after-paint';
import { useStagedReveal } from '../../renderer/components/use-staged-reveal';

/** A paint the test triggers by hand. */
const manualPaints = () => {
  const waiting: (() => void)[] = [];
  const next: AfterPaint = (run) => {
    waiting.push(run);
    return () => void waiting.splice(waiting.indexOf(run), 1);
  };
  return { next, paint: () => act(() => waiting.splice(0).forEach((run) => run())), pending: () => waiting.length };
};

const Staged = ({ stages, next }: { stages: number; next: AfterPaint | null }) => <p data-testid="shown">{Math.min(stages, useStagedReveal(stages, next))}</p>;

afterEach(cleanup);

describe('revealing a view in stages', () => {
  it('shows the first stage at once and one more after each paint, then stops asking', () => {
    const paints = manualPaints();
    render(<Staged stages={3} next={paints.next} />);
    expect(screen.getByTestId('shown').textContent).toBe('1');
    paints.paint();
    expect(screen.getByTestId('shown').textContent).toBe('2');
    paints.paint();
    expect(screen.getByTestId('shown').textContent).toBe('3');
    expect(paints.pending()).toBe(0);
  });

  it('reveals stages added later, and keeps what was shown', () => {
    const paints = manualPaints();
    const { rerender } = render(<Staged stages={2} next={paints.next} />);
    paints.paint();
    rerender(<Staged stages={4} next={paints.next} />);
    expect(screen.getByTestId('shown').textContent).toBe('2');
    paints.paint();
    paints.paint();
    expect(screen.getByTestId('shown').textContent).toBe('4');
  });

  it('shows everything at once where nothing paints', () => {
    render(<Staged stages={5} next={null} />);
    expect(screen.getByTestId('shown').textContent).toBe('5');
  });
});

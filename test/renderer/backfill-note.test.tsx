// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BackfillNote } from '../../renderer/components/time-chart/backfill-note';
import { ChartOrNote } from '../../renderer/components/time-chart/chart-or-note';
import { demoActions } from '../../renderer/state/demo.store';
import type { DemoState } from '../../shared/model';

const demo = (backfill?: DemoState['backfill']): DemoState => ({ speed: 1, primaries: [], ...(backfill ? { backfill } : {}) });

afterEach(() => {
  cleanup();
  demoActions.reset();
});

describe('the back-fill note (issue 17)', () => {
  it('says how far the simulated fleet has written its past, above a chart that draws what is there', () => {
    demoActions.receive(demo({ days: 7, percent: 35 }));
    render(
      <ChartOrNote count={40} answered readAt={1} notYet="not yet" tooFew="too few">
        <svg data-testid="the-chart" />
      </ChartOrNote>,
    );
    expect(screen.getByRole('status').textContent).toBe('Back-filling 7 days of demo history… 35 %');
    expect(screen.getByTestId('the-chart')).toBeTruthy();
  });

  it('names the gap in hours after a restart, and is gone once the past is written or for a real fleet', () => {
    demoActions.receive(demo({ days: 3 / 24, percent: 0 }));
    const { rerender } = render(<BackfillNote />);
    expect(screen.getByTestId('backfill-progress').textContent).toBe('Back-filling 3 hours of demo history… 0 %');
    demoActions.receive(demo());
    rerender(<BackfillNote />);
    expect(screen.queryByTestId('backfill-progress')).toBeNull();
    demoActions.reset();
    rerender(<BackfillNote />);
    expect(screen.queryByTestId('backfill-progress')).toBeNull();
  });
});

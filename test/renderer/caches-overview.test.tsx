// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CachesOverview } from '../../renderer/features/caches/caches-overview';
import { fleetActions } from '../../renderer/state/fleet.store';
import { makePrimary, makeSnapshot } from './fixtures';
import { makeCache } from './cache-fixtures';

beforeEach(() => {
  fleetActions.reset();
});
afterEach(() => cleanup());

describe('SCM cache on the Overview', () => {
  it('shows each primary’s hit ratio of the last 15 minutes, named so, its size and a tripped disk guard', () => {
    render(<CachesOverview />);
    expect(screen.queryByTestId('caches-overview')).toBeNull();
    act(() =>
      fleetActions.receiveSnapshot(
        makeSnapshot({
          primaries: [makePrimary({ cache: makeCache({ diskGuardTripped: true, status: 'degraded' }) }), makePrimary({ id: 'dr', name: 'DR', cache: null })],
        }),
      ),
    );
    const lines = screen.getAllByTestId('caches-overview-line');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.dataset['status']).toBe('degraded');
    expect(lines[0]!.textContent).toMatch(/hit ratio, last 15 min: 90.0 % of 2,000 requests.*29.3 GB cached.*disk guard/);
    // The figure of the last 15 minutes, not the last poll's (75.0 %) nor the cumulative one (75.8 %).
    expect(lines[0]!.textContent).not.toMatch(/75\.[08] %/);
  });
});

// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { makeFarm } from './mirrors-fixtures';
import { renderApp } from './render';

// The Mirrors view asks for a farm's lag chart (history and event markers) only while the chart
// is on screen or near it, and again after a poll only then (renderer/components/use-in-view.ts).

/** An IntersectionObserver the test drives: `show(el)` / `hide(el)` as a scroll would. */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly watched: Element[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeObserver.all.push(this);
  }
  observe(el: Element): void {
    this.watched.push(el);
  }
  disconnect(): void {
    this.watched.length = 0;
  }
  unobserve(): void {}
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  static set(el: Element, isIntersecting: boolean): void {
    for (const o of FakeObserver.all.filter((f) => f.watched.includes(el)))
      act(() => o.callback([{ target: el, isIntersecting } as IntersectionObserverEntry], o as unknown as IntersectionObserver));
  }
}

const FARMS = [makeFarm({ id: 'farm-a', mirrorId: 'farm-a', name: 'Farm A' }), makeFarm({ id: 'farm-b', mirrorId: 'farm-b', name: 'Farm B' })];

function setup() {
  const bridge = createFakeBridge();
  bridge.getMirrorHistory.mockResolvedValue({ points: [] });
  bridge.getEventBuckets.mockResolvedValue({ buckets: [], total: 0 });
  bridge.getMirrorProjects.mockResolvedValue({ projects: [] });
  bridge.getMirrorRepos.mockImplementation(() => new Promise(() => undefined));
  fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary()], mirrorFarms: FARMS }));
  renderApp(bridge);
  act(() => uiActions.showView('mirrors'));
  const chartOf = (farmId: string): Element => {
    const card = screen.getAllByTestId('farm-card').find((c) => c.textContent?.includes(farmId === 'farm-a' ? 'Farm A' : 'Farm B'));
    return card!.querySelector('[data-testid="lag-chart"]')!;
  };
  const farmsAsked = (): string[] => [...new Set(bridge.getMirrorHistory.mock.calls.map(([args]) => args.farmId))].sort();
  // The farms' markers only: other parts of the page mark the primary's charts.
  const markersAsked = (): string[] =>
    [...new Set(bridge.getEventBuckets.mock.calls.flatMap(([args]) => args.targetIds ?? []))].filter((id) => id.startsWith('farm-')).sort();
  return { bridge, chartOf, farmsAsked, markersAsked };
}

beforeEach(() => {
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  fleetActions.reset();
});
afterEach(() => {
  cleanup();
  act(() => uiActions.showView('overview'));
  vi.unstubAllGlobals();
});

describe("a farm's lag chart", () => {
  it('is asked for once it comes near the screen, and not before', async () => {
    const { chartOf, farmsAsked, markersAsked } = setup();
    await act(async () => undefined);
    expect(farmsAsked()).toEqual([]);
    expect(markersAsked()).toEqual([]);
    FakeObserver.set(chartOf('farm-b'), true);
    await waitFor(() => expect(farmsAsked()).toEqual(['farm-b']));
    await waitFor(() => expect(markersAsked()).toEqual(['farm-b']));
  });

  it('is asked again after a poll only while it is on screen, and once more when it comes back', async () => {
    const { bridge, chartOf } = setup();
    FakeObserver.set(chartOf('farm-a'), true);
    const askedOf = (farmId: string): number => bridge.getMirrorHistory.mock.calls.filter(([args]) => args.farmId === farmId).length;
    await waitFor(() => expect(askedOf('farm-a')).toBe(2));
    const poll = (at: number): void =>
      act(() => fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary()], mirrorFarms: FARMS.map((f) => ({ ...f, lastPollAt: at })) })));
    poll(T0 + 15_000);
    await waitFor(() => expect(askedOf('farm-a')).toBe(4));
    FakeObserver.set(chartOf('farm-a'), false);
    poll(T0 + 30_000);
    await act(async () => undefined);
    expect(askedOf('farm-a')).toBe(4);
    FakeObserver.set(chartOf('farm-a'), true);
    await waitFor(() => expect(askedOf('farm-a')).toBe(6));
    expect(askedOf('farm-b')).toBe(0);
  });
});

// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OVERVIEW, parseRoute } from '../../shared/logic/route';
import { presenterActions } from '../../renderer/features/demo/presenter-store';
import { navigate, useRouteStore } from '../../renderer/routing/route-store';
import { demoActions } from '../../renderer/state/demo.store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { makeDemoState, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

const view = (): string => useRouteStore.getState().route.view;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  fleetActions.reset();
  demoActions.reset();
  presenterActions.close();
  navigate(OVERVIEW, { replace: true });
});
afterEach(() => {
  cleanup();
  navigate(OVERVIEW, { replace: true });
  vi.useRealTimers();
});

describe('kiosk mode', () => {
  it('hides the navigation, rotates the views on the route’s interval with the time range kept, and Esc leaves it', () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    renderApp();
    act(() => navigate(parseRoute('#/overview?range=24h&kiosk=5')));
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(screen.getByTestId('kiosk-bar').textContent).toMatch(/every 5 s/);
    act(() => void vi.advanceTimersByTime(4_999));
    expect(view()).toBe('overview');
    act(() => void vi.advanceTimersByTime(1));
    expect(view()).toBe('caches');
    act(() => void vi.advanceTimersByTime(5_000));
    expect(view()).toBe('mirrors');
    expect(useRouteStore.getState().route.params).toMatchObject({ range: '24h', kiosk: '5' });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(useRouteStore.getState().route.params.kiosk).toBeUndefined();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    act(() => void vi.advanceTimersByTime(60_000));
    expect(view()).toBe('mirrors');
  });

  it('is left with the visible control too', () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    renderApp();
    act(() => navigate(parseRoute('#/storage?kiosk')));
    expect(screen.getByTestId('kiosk-bar').textContent).toMatch(/every 30 s/);
    fireEvent.click(screen.getByTestId('kiosk-leave'));
    expect(screen.queryByTestId('kiosk-bar')).toBeNull();
    expect(view()).toBe('storage');
  });

  it('starts from the presenter drawer with the interval chosen there', () => {
    fleetActions.receiveSnapshot(makeSnapshot({ engine: { startedAt: T0, pollIntervalSeconds: 15, demo: true } }));
    demoActions.receive(makeDemoState());
    renderApp();
    fireEvent.click(screen.getByTestId('open-presenter'));
    fireEvent.change(screen.getByTestId('kiosk-seconds'), { target: { value: '10' } });
    fireEvent.click(screen.getByTestId('kiosk-start'));
    expect(useRouteStore.getState().route.params.kiosk).toBe('10');
    // Esc closes the drawer first and leaves kiosk mode on; the next Esc leaves kiosk.
    fireEvent.keyDown(screen.getByTestId('presenter-drawer'), { key: 'Escape' });
    expect(screen.queryByTestId('presenter-drawer')).toBeNull();
    expect(useRouteStore.getState().route.params.kiosk).toBe('10');
    act(() => void vi.advanceTimersByTime(10_000));
    expect(view()).toBe('caches');
  });
});

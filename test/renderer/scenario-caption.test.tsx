// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import type { ScenarioRun } from '../../shared/model';
import { demoActions } from '../../renderer/state/demo.store';
import { presenterActions } from '../../renderer/features/demo/presenter-store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { navigate, useRouteStore } from '../../renderer/routing/route-store';
import { makeDemoState, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

const demoSnapshot = makeSnapshot({ engine: { startedAt: T0, pollIntervalSeconds: 15, demo: true } });
const SCENARIOS = [{ name: 'story', title: 'A story', description: 'What it is about.', stepCount: 3 }];
const run = (over: Partial<ScenarioRun> = {}): ScenarioRun => ({
  name: 'story',
  title: 'A story',
  stepsDone: 1,
  stepCount: 3,
  caption: 'Look at the caches.',
  view: '/caches',
  paused: false,
  nextStepAt: null,
  nextIsManual: true,
  finished: false,
  error: null,
  ...over,
});

beforeEach(() => {
  presenterActions.close();
  fleetActions.reset();
  demoActions.reset();
  window.location.hash = '';
  useRouteStore.setState({ route: { view: 'overview', repo: null, params: {} } });
  fleetActions.receiveSnapshot(demoSnapshot);
});
afterEach(cleanup);

describe('Scenario caption', () => {
  it('is absent while no scenario runs', () => {
    demoActions.receive(makeDemoState({ scenarios: SCENARIOS, scenario: null }));
    renderApp();
    expect(screen.queryByTestId('scenario-caption')).toBeNull();
    fireEvent.click(screen.getByTestId('open-presenter'));
    expect(screen.getByTestId('scenario-panel').textContent).toContain('A story');
  });

  it('shows the caption and the step, and follows along to the step view unless told not to', () => {
    demoActions.receive(makeDemoState({ scenarios: SCENARIOS, scenario: run() }));
    renderApp();
    expect(screen.getByTestId('scenario-caption-text').textContent).toBe('Look at the caches.');
    expect(screen.getByTestId('scenario-progress').textContent).toContain('Step 1 of 3');
    expect(screen.getByTestId('scenario-progress').textContent).toContain('next step when you press Step');
    expect(useRouteStore.getState().route.view).toBe('caches');

    fireEvent.click(screen.getByTestId('scenario-follow'));
    act(() => demoActions.receive(makeDemoState({ scenarios: SCENARIOS, scenario: run({ stepsDone: 2, caption: 'Now mirrors.', view: '/mirrors' }) })));
    expect(screen.getByTestId('scenario-caption-text').textContent).toBe('Now mirrors.');
    expect(useRouteStore.getState().route.view).toBe('caches');
  });

  it.each(['pause', 'step', 'restart', 'stop'] as const)('%s sends the command and shows the state answered', async (command) => {
    demoActions.receive(makeDemoState({ scenarios: SCENARIOS, scenario: run() }));
    const { bridge } = renderApp();
    bridge.controlDemoScenario.mockResolvedValue(makeDemoState({ scenarios: SCENARIOS, scenario: null }));
    fireEvent.click(screen.getByTestId(`scenario-${command}`));
    expect(bridge.controlDemoScenario).toHaveBeenCalledWith({ command });
    await waitFor(() => expect(screen.queryByTestId('scenario-caption')).toBeNull());
  });

  it('offers Resume while paused and disables Step once the story is over', () => {
    demoActions.receive(makeDemoState({ scenarios: SCENARIOS, scenario: run({ paused: true, stepsDone: 3, finished: true }) }));
    renderApp();
    expect(screen.getByTestId('scenario-resume')).toBeTruthy();
    expect(screen.getByTestId('scenario-step')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('scenario-progress').textContent).toContain('the story is over');
  });

  it('starts and resets from the panel, and shows a refusal inline', async () => {
    demoActions.receive(makeDemoState({ scenarios: SCENARIOS, scenario: null }));
    const { bridge } = renderApp();
    bridge.startDemoScenario.mockResolvedValue(makeDemoState({ scenarios: SCENARIOS, scenario: run() }));
    // The panel is the first part of the presenter drawer, which stays open from view to view.
    fireEvent.click(screen.getByTestId('open-presenter'));
    fireEvent.click(screen.getByTestId('scenario-start'));
    expect(bridge.startDemoScenario).toHaveBeenCalledWith({ name: 'story' });
    expect(await screen.findByTestId('scenario-caption')).toBeTruthy();

    // Following along opened the first step's view.
    await waitFor(() => expect(useRouteStore.getState().route.view).toBe('caches'));
    act(() => navigate({ view: 'overview', repo: null, params: {} }));
    bridge.resetDemo.mockRejectedValue(new FleetApiError('not-available', 'The simulated fleet is not running in this Fleetscope.'));
    fireEvent.click(screen.getByTestId('demo-reset'));
    expect((await screen.findByTestId('scenario-panel-error')).textContent).toBe('The simulated fleet is not running in this Fleetscope.');
  });
});

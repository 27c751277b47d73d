// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import { demoActions } from '../../renderer/state/demo.store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { makeDemoState, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

const demoSnapshot = makeSnapshot({ engine: { startedAt: T0, pollIntervalSeconds: 15, demo: true } });

const byTestId = (testId: string, attrs: Record<string, string> = {}): HTMLInputElement => {
  const el = screen.getAllByTestId(testId).find((e) => Object.entries(attrs).every(([k, v]) => e.getAttribute(`data-${k}`) === v));
  if (!(el instanceof HTMLInputElement)) throw new Error(`no ${testId} input for ${JSON.stringify(attrs)}`);
  return el;
};

beforeEach(() => {
  fleetActions.reset();
  demoActions.reset();
});
afterEach(cleanup);

describe('Demo controls', () => {
  it('are absent when the engine does not run the demo fleet', () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    renderApp();
    expect(screen.queryByTestId('demo-controls')).toBeNull();
  });

  it('show one switch per node and per response fault, reflecting the demo state', () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(
      makeDemoState({
        primaries: [
          {
            id: 'prod',
            name: 'Production',
            nodes: ['bb-node-1', 'bb-node-2'],
            faults: { nodesDown: ['bb-node-2'], slowMs: 2000, serverError: false, htmlLogin: true },
          },
        ],
      }),
    );
    renderApp();
    expect(screen.getByTestId('demo-controls')).toBeTruthy();
    expect(byTestId('demo-node-down', { 'node-name': 'bb-node-1', 'primary-id': 'prod' }).checked).toBe(false);
    expect(byTestId('demo-node-down', { 'node-name': 'bb-node-2' }).checked).toBe(true);
    expect(screen.getByLabelText('bb-node-2 down')).toBe(byTestId('demo-node-down', { 'node-name': 'bb-node-2' }));
    expect(byTestId('demo-slow', { 'primary-id': 'prod' }).checked).toBe(true);
    expect(byTestId('demo-server-error').checked).toBe(false);
    expect(byTestId('demo-html-login').checked).toBe(true);
  });

  it.each([
    ['demo-node-down', { 'node-name': 'bb-node-2' }, { kind: 'node-down', node: 'bb-node-2' }],
    ['demo-slow', {}, { kind: 'slow' }],
    ['demo-server-error', {}, { kind: 'server-error' }],
    ['demo-html-login', {}, { kind: 'html-login' }],
  ] as const)('%s calls setDemoFault with the fault and stores the answer', async (testId, attrs, fault) => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(makeDemoState());
    const { bridge } = renderApp();
    const answer = makeDemoState({ speed: 2 });
    bridge.setDemoFault.mockResolvedValue(answer);

    fireEvent.click(byTestId(testId, attrs));
    expect(bridge.setDemoFault).toHaveBeenCalledWith({ targetId: 'prod', fault, enabled: true });
    // Shows the requested value while the engine works on it.
    expect(byTestId(testId, attrs).checked).toBe(true);
    await waitFor(() => expect(byTestId(testId, attrs).checked).toBe(false));
  });

  it('shows a failed switch inline and reverts it', async () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(makeDemoState());
    const { bridge } = renderApp();
    bridge.setDemoFault.mockRejectedValue(new FleetApiError('not-available', 'The demo fleet is not running.'));

    fireEvent.click(byTestId('demo-server-error'));
    expect(await screen.findByTestId('demo-error')).toHaveProperty('textContent', 'The demo fleet is not running.');
    expect(byTestId('demo-server-error').checked).toBe(false);
  });

  it('follows pushed demo state', () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(makeDemoState());
    renderApp();
    const pushed = makeDemoState();
    pushed.primaries[0]?.faults.nodesDown.push('bb-node-1');
    act(() => demoActions.receive(pushed));
    expect(byTestId('demo-node-down', { 'node-name': 'bb-node-1' }).checked).toBe(true);
  });
});

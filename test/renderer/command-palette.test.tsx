// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useRouteStore } from '../../renderer/routing/route-store';
import { closePalette, usePaletteStore } from '../../renderer/features/search/palette-store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { useUiStore } from '../../renderer/state/ui.store';
import { useAppTestSetup } from './app-test-setup';
import { createFakeBridge, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

useAppTestSetup();

const index = {
  updatedAt: T0,
  repositories: {
    primaryId: ['prod', 'prod', 'prod'],
    projectKey: ['WEB', 'WEB', 'PLAT'],
    projectName: ['Web', 'Web', 'Platform'],
    slug: ['web-ui', 'web-api', 'payments'],
    name: ['Web UI', 'Web API', 'Payments'],
  },
};

const setup = () => {
  const bridge = createFakeBridge();
  bridge.getRepositoryIndex.mockResolvedValue(index);
  bridge.getRepository.mockResolvedValue({ found: false, projectKey: 'WEB', repoSlug: 'web-ui', readAt: T0, primariesSearched: ['prod'] });
  act(() => fleetActions.receiveSnapshot(makeSnapshot()));
  return renderApp(bridge);
};

const options = () => screen.getAllByTestId('palette-option');
const selected = () => options().find((o) => o.getAttribute('aria-selected') === 'true');

beforeEach(() => act(() => closePalette()));

describe('command palette', () => {
  it('opens on Ctrl+K, searches repositories by slug, moves with the arrows and opens the chosen one with Enter', async () => {
    const { bridge } = setup();
    expect(screen.queryByTestId('palette')).toBeNull();
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const input = await screen.findByTestId('palette-input');
    expect(document.activeElement).toBe(input);
    await waitFor(() => expect(screen.getByTestId('palette-status').textContent).toMatch(/^3 repositories searchable/));
    expect(bridge.getRepositoryIndex).toHaveBeenCalledTimes(1);

    fireEvent.change(input, { target: { value: 'web' } });
    const repos = () => options().filter((o) => o.dataset['kind'] === 'repository');
    expect(repos().map((o) => within(o).getByText(/\//).textContent)).toEqual(expect.arrayContaining(['WEB/web-ui', 'WEB/web-api']));
    expect(selected()).toBe(options()[0]);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(selected()).toBe(options()[1]);
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(selected()).toBe(options()[0]);

    // Down to WEB/web-ui, wherever the ranking put it, then Enter.
    const target = options().findIndex((o) => o.textContent?.includes('WEB/web-ui') && o.dataset['kind'] === 'repository');
    for (let i = 0; i < target; i++) fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(useRouteStore.getState().route).toEqual({ view: 'repo', repo: { projectKey: 'WEB', repoSlug: 'web-ui' }, params: { primary: 'prod' } });
    expect(window.location.hash).toBe('#/repo/WEB/web-ui?primary=prod');
  });

  it('says when nothing matches, and closes on Esc', async () => {
    setup();
    fireEvent.keyDown(window, { key: 'k', metaKey: true });
    const input = await screen.findByTestId('palette-input');
    await waitFor(() => expect(screen.getByTestId('palette-status').textContent).toMatch(/^3 repositories/));
    fireEvent.change(input, { target: { value: 'zzqx' } });
    expect(screen.getByTestId('palette-empty').textContent).toBe('Nothing matches “zzqx”.');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('palette')).toBeNull();
  });

  it('opens on "/" outside a field but not while typing in one, and shows the views and actions before anything is typed', async () => {
    setup();
    const field = document.createElement('input');
    document.body.append(field);
    fireEvent.keyDown(field, { key: '/' });
    expect(usePaletteStore.getState().open).toBeNull();
    field.remove();
    fireEvent.keyDown(window, { key: '/' });
    await screen.findByTestId('palette-input');
    expect(options().map((o) => o.dataset['kind'])).toEqual(expect.arrayContaining(['view', 'action']));
    expect(options().every((o) => o.dataset['kind'] === 'view' || o.dataset['kind'] === 'action')).toBe(true);
  });

  it('runs an action with Enter: "Switch theme" flips the theme and closes', async () => {
    setup();
    const before = useUiStore.getState().theme;
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const input = await screen.findByTestId('palette-input');
    fireEvent.change(input, { target: { value: 'Switch theme' } });
    expect(options()[0]?.textContent).toContain('Switch theme');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(useUiStore.getState().theme).not.toBe(before);
  });

  it('shows the shortcuts on "?", every one of them, and Esc closes the help', () => {
    setup();
    fireEvent.keyDown(window, { key: '?' });
    const help = screen.getByTestId('shortcuts-help');
    expect(within(help).getByText('Ctrl K / ⌘ K', { normalizer: (s) => s.replace(/\s+/g, ' ') })).toBeTruthy();
    for (const does of [
      'Move through the results',
      'Open the result, or run the action',
      'Close search, this help or the presenter controls; in kiosk mode, leave kiosk',
      'Show these shortcuts',
      'Open or close the presenter controls (demo fleet only): faults, speed, kiosk',
    ]) {
      expect(within(help).getByText(does)).toBeTruthy();
    }
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('shortcuts-help')).toBeNull();
  });

  it('says why repositories cannot be searched when the index read fails, and still finds views', async () => {
    const bridge = createFakeBridge();
    bridge.getRepositoryIndex.mockRejectedValue(new Error('The engine is still starting; try again in a moment.'));
    act(() => fleetActions.receiveSnapshot(makeSnapshot()));
    renderApp(bridge);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('palette-status').textContent).toContain('Repositories cannot be searched.'));
    fireEvent.change(screen.getByTestId('palette-input'), { target: { value: 'Storage' } });
    expect(options()[0]?.dataset['kind']).toBe('view');
  });
});

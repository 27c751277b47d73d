// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fleetActions } from '../../renderer/state/fleet.store';
import { UI_STORAGE_KEY, useUiStore } from '../../renderer/state/ui.store';
import { renderApp } from './render';

const stored = (): unknown => JSON.parse(localStorage.getItem(UI_STORAGE_KEY) ?? 'null');

beforeEach(() => {
  localStorage.clear();
  useUiStore.setState({ theme: 'system' });
  fleetActions.reset();
});
afterEach(cleanup);

describe('Theme', () => {
  it('follows the system by default (light when the OS says nothing)', () => {
    renderApp();
    expect(document.documentElement.dataset['theme']).toBe('light');
    expect(screen.getByTestId('theme-toggle').dataset['themePreference']).toBe('system');
  });

  it('flips light and dark on each click and persists the choice', () => {
    renderApp();
    fireEvent.click(screen.getByTestId('theme-toggle'));
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(stored()).toMatchObject({ state: { theme: 'dark' } });

    fireEvent.click(screen.getByTestId('theme-toggle'));
    expect(document.documentElement.dataset['theme']).toBe('light');
    expect(stored()).toMatchObject({ state: { theme: 'light' } });
  });

  it('persists only the theme and the Notify me choice, and "Auto" goes back to following the system', () => {
    renderApp();
    fireEvent.click(screen.getByTestId('theme-toggle'));
    expect(stored()).toEqual({ state: { theme: 'dark', notify: false }, version: 1 });
    fireEvent.click(screen.getByTestId('theme-system'));
    expect(stored()).toMatchObject({ state: { theme: 'system' } });
    expect(screen.queryByTestId('theme-system')).toBeNull();
  });

  it('restores a persisted theme on start', async () => {
    localStorage.setItem(UI_STORAGE_KEY, JSON.stringify({ state: { theme: 'dark' }, version: 1 }));
    await useUiStore.persist.rehydrate();
    renderApp();
    expect(document.documentElement.dataset['theme']).toBe('dark');
  });
});

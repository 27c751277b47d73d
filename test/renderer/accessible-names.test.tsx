// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { makeCache, makeColumns } from './cache-fixtures';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { makeFarm } from './mirrors-fixtures';
import { renderApp } from './render';
import { useAppTestSetup } from './app-test-setup';

useAppTestSetup();

/** Buttons whose name says an action but not what it acts on. */
const VAGUE = /^(Clear|Remove|Edit|Authorize|Reject|Close|Repositories|Choose projects)…?$/;

function show() {
  const bridge = createFakeBridge();
  bridge.getCacheRepositories.mockResolvedValue({ source: 'feed', updatedAt: T0, rows: makeColumns(4) });
  bridge.getCacheHistory.mockResolvedValue({ all: [], clone: [], refs: [], v1: [], v2: [] });
  bridge.getMirrorHistory.mockResolvedValue({ points: [] });
  bridge.getMirrorProjects.mockResolvedValue({ projects: [] });
  const request = {
    id: '7',
    name: 'US-West CI mirror',
    mirrorId: '4f0e',
    baseUrl: 'https://mirror-usw.example.com',
    mirrorType: 'SINGLE' as const,
    productVersion: '9.4.2',
  };
  fleetActions.receiveSnapshot(
    makeSnapshot({ primaries: [makePrimary({ version: '8.19.5', cache: makeCache(), pendingMirrorRequests: [request] })], mirrorFarms: [makeFarm()] }),
  );
  return renderApp(bridge);
}

describe('buttons are named with what they act on', () => {
  it('every repository’s Clear button names the repository, and no button is just "Clear…" or "Remove…"', async () => {
    show();
    act(() => uiActions.showView('caches'));
    const rows = await screen.findAllByTestId('cache-repo-row');
    for (const row of rows) within(row).getByRole('button', { name: `Clear caches of ${row.dataset['repo']!}…` });
    expect(screen.getAllByRole('button').filter((b) => VAGUE.test(b.getAttribute('aria-label') ?? b.textContent ?? ''))).toEqual([]);
  });

  it('a mirror farm’s and a pending request’s buttons name the mirror', async () => {
    show();
    act(() => uiActions.showView('mirrors'));
    await screen.findByRole('button', { name: 'Remove EU CI farm…' });
    screen.getByRole('button', { name: 'Choose projects of EU CI farm…' });
    screen.getByRole('button', { name: 'Repositories of EU CI farm' });
    screen.getByRole('button', { name: 'Authorize US-West CI mirror…' });
    screen.getByRole('button', { name: 'Reject US-West CI mirror…' });
    expect(screen.getAllByRole('button').filter((b) => VAGUE.test(b.getAttribute('aria-label') ?? b.textContent ?? ''))).toEqual([]);
  });
});

describe('skip link', () => {
  it('is the first stop of the keyboard and moves focus past the navigation to the view', () => {
    show();
    const first = document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
    expect(first?.textContent).toBe('Skip to content');
    const before = location.hash;
    fireEvent.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement).toBe(screen.getByRole('main'));
    expect(location.hash).toBe(before);
  });
});

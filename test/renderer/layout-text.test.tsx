// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { makeCache, makeColumns } from './cache-fixtures';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';
import { useAppTestSetup } from './app-test-setup';

useAppTestSetup();

function showCaches(cacheOver: Parameters<typeof makeCache>[0] = {}) {
  const bridge = createFakeBridge();
  bridge.getCacheRepositories.mockResolvedValue({ source: 'feed', updatedAt: T0, rows: makeColumns(300) });
  bridge.getCacheHistory.mockResolvedValue({ all: [], clone: [], refs: [], v1: [], v2: [] });
  fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ version: '8.19.5', cache: makeCache(cacheOver) })] }));
  renderApp(bridge);
  act(() => uiActions.showView('caches'));
}

describe('layout and text (issue 11, item 14)', () => {
  it('the primary card says an HTML login page once', () => {
    const message = 'answered with an HTML page instead of JSON (a login page or a proxy): check the base URL and the credential';
    fleetActions.receiveSnapshot(
      makeSnapshot({
        primaries: [
          makePrimary({
            status: 'unknown',
            statusMessage: `Bitbucket: ${message}`,
            lastError: { code: 'html', message, httpStatus: 200, at: T0 },
          }),
        ],
      }),
    );
    renderApp();
    const card = screen.getByTestId('primary-card');
    expect(card.textContent!.split(message).length - 1).toBe(1);
  });

  it('fields Bitbucket sent that Fleetscope does not use are not called unexpected answers', () => {
    showCaches({ problems: [] });
    const panel = screen.getByTestId('cache-oddities');
    expect(panel.getAttribute('aria-label')).toBe('Other fields in Bitbucket’s answer');
    expect(panel.textContent).toMatch(/^1 more field in Bitbucket's answer, shown as sent \(Fleetscope does not use it\)/);
    expect(screen.queryByLabelText('Unexpected answers')).toBeNull();
  });

  it('the repository count follows the filter', async () => {
    showCaches();
    const count = await screen.findByTestId('cache-repo-count');
    await waitFor(() => expect(count.textContent).toBe('300'));
    fireEvent.change(screen.getByTestId('cache-repo-filter'), { target: { value: 'repo-000' } });
    await waitFor(() => expect(count.textContent).toBe('10 of 300'));
    expect(within(screen.getByTestId('cache-repo-table')).getAllByTestId('cache-repo-row')).toHaveLength(10);
  });
});

describe('one timestamp convention', () => {
  const ABSOLUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S+$/;

  it('relative times carry the absolute time with its time zone on hover; the Activity log shows it outright', async () => {
    const bridge = createFakeBridge();
    bridge.getAuditLog.mockResolvedValue({
      entries: [
        {
          id: 'a1',
          action: 'clearCache',
          actor: 'alice (desktop)',
          credential: null,
          targetId: 'prod',
          target: 'Production',
          summary: 'Clear',
          outcome: 'succeeded',
          detail: null,
          startedAt: T0,
          finishedAt: T0 + 1000,
        },
      ],
    });
    fleetActions.receiveSnapshot(makeSnapshot());
    renderApp(bridge);
    expect(screen.getByTestId('last-poll').getAttribute('title')).toMatch(ABSOLUTE);
    act(() => uiActions.showView('activity'));
    const row = await screen.findByTestId('activity-row');
    expect(row.querySelector('td')!.textContent).toMatch(ABSOLUTE);
    expect(row.querySelector('td')!.textContent).toBe(screen.getAllByText(ABSOLUTE)[0]!.textContent);
  });
});

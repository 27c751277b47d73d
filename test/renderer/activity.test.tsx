// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../shared/model';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { createFakeBridge, makeSnapshot } from './fixtures';
import { renderApp } from './render';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'a1',
  action: 'clearCache',
  actor: 'alice (desktop)',
  credential: 'svc-admin',
  targetId: 'prod',
  target: 'Production — PLAT/payments-api',
  summary: 'Clear the caches of PLAT/payments-api (12 MB)',
  outcome: 'succeeded',
  detail: null,
  startedAt: Date.UTC(2026, 10, 21, 10, 0),
  finishedAt: Date.UTC(2026, 10, 21, 10, 0, 1),
  ...over,
});

beforeEach(() => {
  fleetActions.reset();
  fleetActions.receiveSnapshot(makeSnapshot());
  uiActions.showView('activity');
});
afterEach(() => {
  cleanup();
  uiActions.showView('overview');
});

describe('Activity view', () => {
  it('lists audit entries, filters them, and exports CSV and JSON', async () => {
    const bridge = createFakeBridge();
    bridge.getAuditLog.mockResolvedValue({
      entries: [
        entry({}),
        entry({ id: 'a2', action: 'setCacheTtl', outcome: 'failed', detail: 'The admin credential lacks admin permission.', summary: 'Set TTL' }),
      ],
    });
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    renderApp(bridge);
    await waitFor(() => expect(screen.getAllByTestId('activity-row')).toHaveLength(2));
    expect(screen.getByText('The admin credential lacks admin permission.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Filter the activity'), { target: { value: 'ttl' } });
    expect(screen.getAllByTestId('activity-row')).toHaveLength(1);
    // Kept in the route: a reload or a copied link shows the same rows.
    expect(window.location.hash).toBe('#/activity?q=ttl');
    fireEvent.click(screen.getByTestId('export-csv'));
    const csv = await created[0]!.text();
    expect(csv.split('\r\n')[0]).toBe('startedAt,finishedAt,actor,credential,action,targetId,target,summary,outcome,detail,id');
    expect(csv).toContain('setCacheTtl');
    expect(csv).not.toContain('clearCache');
    fireEvent.click(screen.getByTestId('export-json'));
    const json = JSON.parse(await created[1]!.text()) as Array<{ startedAt: string }>;
    expect(json[0]!.startedAt).toBe('2026-11-21T10:00:00.000Z');
  });

  it('opens with the filter a link carries (#/activity?q=…)', async () => {
    const bridge = createFakeBridge();
    bridge.getAuditLog.mockResolvedValue({ entries: [entry({}), entry({ id: 'a2', action: 'setCacheTtl', summary: 'Set TTL' })] });
    act(() => uiActions.showView('activity', { q: 'ttl' }));
    renderApp(bridge);
    await waitFor(() => expect(screen.getAllByTestId('activity-row')).toHaveLength(1));
    expect((screen.getByLabelText('Filter the activity') as HTMLInputElement).value).toBe('ttl');
  });

  it('reads the log again when a new snapshot arrives', async () => {
    const bridge = createFakeBridge();
    bridge.getAuditLog.mockResolvedValue({ entries: [] });
    renderApp(bridge);
    await screen.findByTestId('activity-empty');
    bridge.getAuditLog.mockResolvedValue({ entries: [entry({})] });
    act(() => fleetActions.receiveSnapshot(makeSnapshot({ generatedAt: Date.now() + 10_000 })));
    await waitFor(() => expect(screen.getAllByTestId('activity-row')).toHaveLength(1));
  });
});

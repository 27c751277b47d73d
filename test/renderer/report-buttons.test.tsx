// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { setRouteParams } from '../../renderer/routing/route-store';
import { createFakeBridge, makeSnapshot } from './fixtures';
import { renderApp } from './render';

const created: Blob[] = [];
beforeEach(() => {
  created.length = 0;
  URL.createObjectURL = vi.fn((b: Blob) => {
    created.push(b);
    return 'blob:x';
  });
  URL.revokeObjectURL = vi.fn();
  fleetActions.reset();
  fleetActions.receiveSnapshot(makeSnapshot());
  uiActions.showView('activity');
});
afterEach(() => {
  cleanup();
  setRouteParams({ range: null });
  uiActions.showView('overview');
});

function bridgeWithAudit() {
  const bridge = createFakeBridge();
  bridge.getAuditLog.mockResolvedValue({ entries: [] });
  return bridge;
}

describe('Report and support bundle buttons', () => {
  it('ask for the route’s absolute range in the reader’s time zone and download what they get', async () => {
    const bridge = bridgeWithAudit();
    const from = Date.UTC(2026, 10, 21, 14, 0);
    const to = Date.UTC(2026, 10, 21, 16, 0);
    setRouteParams({ range: `${from}~${to}` });
    bridge.getIncidentReportPdf.mockResolvedValue({ fileName: 'r.pdf', base64: btoa('%PDF-1.4') });
    bridge.getSupportBundle.mockResolvedValue({ fileName: 'b.zip', base64: btoa('PK') });
    bridge.getIncidentReport.mockResolvedValue({ fileName: 'r.html', html: '<!doctype html><p>report</p>' });
    renderApp(bridge);
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    fireEvent.click(await screen.findByTestId('report-pdf'));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(bridge.getIncidentReportPdf).toHaveBeenCalledWith({ from, to, timeZone });
    expect(created[0]!.type).toBe('application/pdf');
    expect(await created[0]!.text()).toBe('%PDF-1.4');
    fireEvent.click(screen.getByTestId('report-bundle'));
    await waitFor(() => expect(created).toHaveLength(2));
    expect(bridge.getSupportBundle).toHaveBeenCalledWith({ from, to, timeZone });
    fireEvent.click(screen.getByTestId('report-html'));
    await waitFor(() => expect(created).toHaveLength(3));
    expect(await created[2]!.text()).toContain('<p>report</p>');
  });

  it('show what they are doing while they wait, and the error when it fails', async () => {
    const bridge = bridgeWithAudit();
    setRouteParams({ range: '6h' });
    let fail: (e: Error) => void = () => undefined;
    bridge.getIncidentReportPdf.mockReturnValue(new Promise((_resolve, reject) => (fail = reject)));
    renderApp(bridge);
    expect((await screen.findByLabelText('Time range of the report')) as HTMLSelectElement).toHaveProperty('value', '6h');
    fireEvent.click(screen.getByTestId('report-pdf'));
    expect(screen.getByTestId('report-pdf').textContent).toBe('Printing the PDF…');
    expect(screen.getByTestId('report-bundle')).toHaveProperty('disabled', true);
    const args = bridge.getIncidentReportPdf.mock.calls[0]![0];
    expect(args.to - args.from).toBe(6 * 3_600_000);
    await act(async () => fail(new FleetApiError('not-available', 'This Fleetscope cannot print PDFs: no Chromium was found.')));
    expect(screen.getByTestId('report-error').textContent).toBe('This Fleetscope cannot print PDFs: no Chromium was found.');
    expect(screen.getByTestId('report-pdf').textContent).toBe('Report (PDF)');
    // The range is kept in the route, so a reload asks for the same one.
    fireEvent.change(screen.getByLabelText('Time range of the report'), { target: { value: '24h' } });
    expect(window.location.hash).toBe('#/activity?range=24h');
  });
});

// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { repoRoute } from '../../shared/logic/route';
import type { ProbeReport } from '../../shared/model';
import { navigate } from '../../renderer/routing/route-store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { endpointOf } from '../helpers/probe-fixtures';
import { useAppTestSetup } from './app-test-setup';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

useAppTestSetup();

const report: ProbeReport = {
  primaryId: 'prod',
  projectKey: 'WEB',
  repoSlug: 'web-ui',
  startedAt: T0,
  finishedAt: T0 + 20_000,
  gitVersion: '2.39.5',
  protocol: 2,
  transport: 'ssh',
  full: false,
  capBytes: 200_000_000,
  cancelled: false,
  endpoints: [
    endpointOf({
      label: 'Production (primary) over SSH',
      transport: 'ssh',
      url: 'ssh://git@bb:7999/web/web-ui.git',
      verdict: 'Production (primary) over SSH: 9.0 s',
    }),
    endpointOf({
      label: 'São Paulo farm over SSH',
      kind: 'mirror',
      transport: 'ssh',
      url: 'ssh://git@sp:7999/web/web-ui.git',
      clone: null,
      cache: 'not-counted',
      error: 'git ls-remote: SSH refused the key: git@sp: Permission denied (publickey).',
      verdict: 'São Paulo farm over SSH: git ls-remote: SSH refused the key: git@sp: Permission denied (publickey).',
    }),
  ],
  notes: ["Not probed over SSH (no SSH URL in the config's `ssh` section): Production node node-1."],
};

describe('clone doctor', () => {
  it('probes over the chosen transport and tags each endpoint HTTP(S) or SSH', async () => {
    const bridge = createFakeBridge();
    bridge.getRepository.mockResolvedValue({
      found: true,
      readAt: T0,
      primaryId: 'prod',
      alsoOn: [],
      repo: { id: '42', projectKey: 'WEB', projectId: '1', projectName: 'Web', slug: 'web-ui', name: 'Web UI', state: 'AVAILABLE', archived: false },
      inventoryAt: T0 - 60_000,
      cache: { repository: null, error: null, readAt: T0, lastClear: null },
      mirrors: [],
      storage: [],
    });
    bridge.getRepositoryHistory.mockResolvedValue({ from: T0 - 3_600_000, to: T0, cacheSource: 'feed', hitsPerMinute: [], missesPerMinute: [], lag: [] });
    bridge.probeClone.mockResolvedValue({ ok: true, auditId: 'a1', report });
    act(() => fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary()] })));
    act(() => navigate(repoRoute('WEB', 'web-ui')));
    renderApp(bridge);
    const section = await screen.findByTestId('repo-clone-doctor');
    fireEvent.change(within(section).getByTestId('probe-transport-choice'), { target: { value: 'ssh' } });
    fireEvent.click(within(section).getByTestId('probe-start'));
    await waitFor(() => expect(within(section).getByTestId('probe-report')).toBeTruthy());
    expect(bridge.probeClone).toHaveBeenCalledWith(expect.objectContaining({ projectKey: 'WEB', repoSlug: 'web-ui', transport: 'ssh', protocol: 2 }));
    const rows = within(section).getAllByTestId('probe-endpoint');
    expect(rows.map((r) => [r.dataset['transport'], within(r).getByTestId('probe-transport').textContent])).toEqual([
      ['ssh', 'SSH'],
      ['ssh', 'SSH'],
    ]);
    expect(rows[1]!.textContent).toContain('SSH refused the key');
    expect(within(section).getByTestId('probe-report').textContent).toContain('Shallow clones over SSH only, protocol v2');
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeContext } from '../../renderer/bridge/bridge-context';
import { StorageSources } from '../../renderer/features/settings/storage-sources';
import type { Settings } from '../../shared/model';
import { createFakeBridge } from './fixtures';

afterEach(cleanup);

const settings = (storage: Settings['storage']): Settings => ({
  configPath: '/home/me/.config/fleetscope/fleet.yaml',
  demo: false,
  pollIntervalSeconds: 15,
  mirrorSweep: { intervalSeconds: 600, budgetKBps: 512 },
  cacheStatistics: { intervalSeconds: 0, budgetKBps: 64 },
  primaries: [],
  storage,
  secretStorage: { kind: 'vault', backend: 'gnome_libsecret' },
  warnings: [],
});

function show(stored: Settings['storage']) {
  const bridge = createFakeBridge();
  bridge.saveStorage.mockImplementation(async ({ source }) => settings([source]));
  const onChange = vi.fn();
  render(
    <BridgeContext.Provider value={bridge}>
      <StorageSources settings={settings(stored)} leaveDemo={{ guard: (_title, save) => void save({}), dialog: null }} onChange={onChange} />
    </BridgeContext.Provider>,
  );
  return { bridge, onChange };
}

const edit = (yaml: string): void => {
  fireEvent.change(screen.getByLabelText('Storage source (YAML)'), { target: { value: yaml } });
};

describe('Settings storage form: a new command line is shown before it is sent', () => {
  it('shows the exact command line first, then sends it as confirmedCommand', async () => {
    const { bridge, onChange } = show([{ id: 'gl', name: 'GL', gluster: { local: { command: 'gluster' } } }]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit GL' }));
    edit('id: gl\nname: GL\ngluster:\n  local: { command: "sudo -n /usr/sbin/gluster" }\n');
    fireEvent.click(screen.getByRole('button', { name: 'Save source' }));
    expect(screen.getByTestId('command-line').textContent).toBe('sudo -n /usr/sbin/gluster');
    expect(bridge.saveStorage).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save and run this command' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(bridge.saveStorage).toHaveBeenCalledWith({
      source: { id: 'gl', name: 'GL', gluster: { local: { command: 'sudo -n /usr/sbin/gluster' } } },
      replaces: 'gl',
      confirmedCommand: 'sudo -n /usr/sbin/gluster',
    });
  });

  it('an edit that keeps the command saves at once, without confirmedCommand', async () => {
    const { bridge, onChange } = show([{ id: 'gl', name: 'GL', gluster: { local: { command: 'gluster' } } }]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit GL' }));
    edit('id: gl\nname: Renamed\ngluster:\n  local: { command: gluster }\n');
    fireEvent.click(screen.getByRole('button', { name: 'Save source' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(screen.queryByTestId('command-line')).toBeNull();
    expect(bridge.saveStorage.mock.calls[0]![0]).not.toHaveProperty('confirmedCommand');
  });
});

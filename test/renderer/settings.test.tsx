// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import { settingsSchema, type Settings } from '../../shared/model';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { createFakeBridge, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

const makeSettings = (over: Partial<Settings> = {}): Settings =>
  settingsSchema.parse({
    configPath: '/home/ada/.config/fleetscope/fleet.yaml',
    demo: false,
    pollIntervalSeconds: 15,
    mirrorSweep: { intervalSeconds: 600, budgetKBps: 512 },
    cacheStatistics: { intervalSeconds: 0, budgetKBps: 64 },
    primaries: [],
    storage: [],
    secretStorage: { kind: 'env-only', reason: 'Browser mode has no vault: give secrets as ${env:NAME} references.' },
    warnings: [],
    ...over,
  });

function showSettings(settings: Settings) {
  const bridge = createFakeBridge();
  bridge.getSettings.mockResolvedValue(settings);
  bridge.setPollInterval.mockImplementation(async ({ seconds }) => ({ ...settings, pollIntervalSeconds: seconds }));
  bridge.savePrimary.mockResolvedValue({ ...settings, demo: false });
  fleetActions.receiveSnapshot(makeSnapshot({ engine: { startedAt: T0, pollIntervalSeconds: settings.pollIntervalSeconds, demo: settings.demo } }));
  const r = renderApp(bridge);
  act(() => uiActions.showView('settings'));
  return r;
}

const type = (testId: string, value: string): void => {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
};

beforeEach(() => fleetActions.reset());
afterEach(() => {
  cleanup();
  act(() => uiActions.showView('overview'));
});

describe('Settings on the simulated fleet', () => {
  it('shows the interval in force and changes it without asking to leave the demo', async () => {
    const { bridge } = showSettings(makeSettings({ demo: true, pollIntervalSeconds: 5 }));
    const seconds = await screen.findByRole('spinbutton', { name: /Poll every/ });
    expect((seconds as HTMLInputElement).value).toBe('5');
    fireEvent.change(seconds, { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply the poll interval' }));
    await waitFor(() => expect(bridge.setPollInterval).toHaveBeenCalledWith({ seconds: 30 }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.savePrimary).not.toHaveBeenCalled();
  });

  it('shows the mirror sweep in force and changes its period and budget', async () => {
    const { bridge } = showSettings(makeSettings({ demo: true }));
    bridge.setMirrorSweep.mockImplementation(async (args) => ({ ...makeSettings({ demo: true }), mirrorSweep: args }));
    const minutes = await screen.findByRole('spinbutton', { name: /per-repository detail every/ });
    const budget = within(screen.getByTestId('mirror-sweep-form')).getByRole('spinbutton', { name: /KB\/s per primary/ });
    expect((minutes as HTMLInputElement).value).toBe('10');
    expect((budget as HTMLInputElement).value).toBe('512');
    fireEvent.change(minutes, { target: { value: '5' } });
    fireEvent.change(budget, { target: { value: '256' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply the mirror sweep' }));
    await waitFor(() => expect(bridge.setMirrorSweep).toHaveBeenCalledWith({ intervalSeconds: 300, budgetKBps: 256 }));
  });

  it('shows the SCM cache statistics schedule in force, changes it and shows what was applied', async () => {
    const { bridge } = showSettings(makeSettings({ demo: true }));
    bridge.setCacheStatistics.mockImplementation(async (args) => ({ ...makeSettings({ demo: true }), cacheStatistics: args }));
    const form = within(await screen.findByTestId('cache-statistics-form'));
    const minutes = form.getByRole('spinbutton', { name: /cache statistics every/ });
    const budget = form.getByRole('spinbutton', { name: /KB\/s per primary/ });
    expect((minutes as HTMLInputElement).value).toBe('0');
    expect((budget as HTMLInputElement).value).toBe('64');
    fireEvent.change(minutes, { target: { value: '2' } });
    fireEvent.change(budget, { target: { value: '128' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply the cache statistics schedule' }));
    await waitFor(() => expect(bridge.setCacheStatistics).toHaveBeenCalledWith({ intervalSeconds: 120, budgetKBps: 128 }));
    // The answer is the settings in force: the fields show them.
    await waitFor(() =>
      expect((within(screen.getByTestId('cache-statistics-form')).getByRole('spinbutton', { name: /KB\/s per primary/ }) as HTMLInputElement).value).toBe(
        '128',
      ),
    );
  });

  it('shows why a schedule was refused', async () => {
    const { bridge } = showSettings(makeSettings({ demo: true }));
    bridge.setCacheStatistics.mockRejectedValue(new FleetApiError('invalid-argument', 'budgetKBps must be at least 1.'));
    fireEvent.click(await screen.findByRole('button', { name: 'Apply the cache statistics schedule' }));
    expect(await screen.findByText('budgetKBps must be at least 1.')).toBeTruthy();
  });

  it('asks before a saved primary ends the demo, and saves only once the switch is confirmed', async () => {
    const { bridge } = showSettings(makeSettings({ demo: true, pollIntervalSeconds: 5 }));
    fireEvent.click(await screen.findByTestId('add-primary'));
    type('primary-id', 'mine');
    type('primary-name', 'My Bitbucket');
    type('primary-baseUrl', 'https://bitbucket.example.com');
    fireEvent.click(screen.getByTestId('save-primary'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toMatch(/Save My Bitbucket and switch to your fleet\?/);
    expect(dialog.textContent).toMatch(/writes \/home\/ada\/.config\/fleetscope\/fleet.yaml, ends the demo/);
    expect(bridge.savePrimary).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save and switch' }));
    await waitFor(() => expect(bridge.savePrimary).toHaveBeenCalledTimes(1));
    expect(bridge.savePrimary.mock.calls[0]![0]).toMatchObject({ primary: { id: 'mine' }, leaveDemo: true });
  });

  it('saves at once, without the demo question, on a fleet of ones own', async () => {
    const { bridge } = showSettings(makeSettings());
    fireEvent.click(await screen.findByTestId('add-primary'));
    type('primary-id', 'mine');
    type('primary-name', 'My Bitbucket');
    type('primary-baseUrl', 'https://bitbucket.example.com');
    fireEvent.click(screen.getByTestId('save-primary'));
    await waitFor(() => expect(bridge.savePrimary).toHaveBeenCalledTimes(1));
    expect(bridge.savePrimary.mock.calls[0]![0]).not.toHaveProperty('leaveDemo');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('Adding a primary in browser mode (no vault)', () => {
  it('"Token from: an environment variable" asks for the variable name, not a password, and saves it as a reference', async () => {
    const { bridge } = showSettings(makeSettings());
    fireEvent.click(await screen.findByTestId('add-primary'));
    fireEvent.change(screen.getByTestId('read-kind'), { target: { value: 'token' } });
    expect((screen.getByTestId('read-mode') as HTMLSelectElement).value).toBe('env');
    expect(screen.queryByTestId('read-value')).toBeNull();
    expect(document.querySelector('input[type="password"]')).toBeNull();
    const name = screen.getByRole('textbox', { name: 'Name of the environment variable holding the token' });
    fireEvent.change(name, { target: { value: 'BB_READ_TOKEN' } });
    type('primary-id', 'mine');
    type('primary-name', 'My Bitbucket');
    type('primary-baseUrl', 'https://bitbucket.example.com');
    fireEvent.click(screen.getByTestId('save-primary'));
    await waitFor(() => expect(bridge.savePrimary).toHaveBeenCalledTimes(1));
    expect(bridge.savePrimary.mock.calls[0]![0].primary.read).toEqual({ kind: 'token', token: { env: 'BB_READ_TOKEN' } });
  });

  it('says what is missing in words at each field of an empty form, and sends nothing', async () => {
    const { bridge } = showSettings(makeSettings());
    fireEvent.click(await screen.findByTestId('add-primary'));
    type('primary-baseUrl', '');
    fireEvent.change(screen.getByTestId('read-kind'), { target: { value: 'token' } });
    fireEvent.change(screen.getByTestId('admin-kind'), { target: { value: 'basic' } });
    fireEvent.click(screen.getByTestId('save-primary'));

    const problemOf = (testId: string): string => {
      const input = screen.getByTestId(testId);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      const described = document.getElementById(input.getAttribute('aria-describedby') ?? '');
      return described?.textContent ?? '';
    };
    expect(problemOf('primary-id')).toBe('Give an id, for example prod.');
    expect(problemOf('primary-name')).toBe('Give a name, as Fleetscope should show it, for example Production.');
    expect(problemOf('primary-baseUrl')).toMatch(/^Give the base URL: a full URL starting with https:\/\//);
    expect(problemOf('read-env')).toBe('Give the name of the environment variable that holds the token, for example BB_READ_TOKEN.');
    expect(problemOf('admin-username')).toBe('Give the user name.');
    expect(problemOf('admin-env')).toBe('Give the name of the environment variable that holds the password, for example BB_ADMIN_PASSWORD.');
    expect(document.body.textContent).not.toMatch(/Too small|expected string|>=1 characters|Invalid input/);
    expect(bridge.savePrimary).not.toHaveBeenCalled();

    // Corrected fields lose their problem as the person types.
    type('primary-id', 'prod');
    expect(screen.getByTestId('primary-id').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByTestId('primary-id-problem')).toBeNull();
  });
});

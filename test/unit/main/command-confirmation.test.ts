import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, MessageBoxOptions } from 'electron';
import { createCommandConfirmation, type MessageBoxes } from '../../../electron/main/command-confirmation';
import { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const change = { sourceId: 'shared-home', where: 'gluster.local.command', before: 'gluster', line: 'sudo -n /opt/gluster/sbin/gluster' };

function fakeDialog(response: number) {
  const shown: Array<{ window: BrowserWindow | undefined; options: MessageBoxOptions }> = [];
  const dialog = {
    showMessageBox: vi.fn(async (a: BrowserWindow | MessageBoxOptions, b?: MessageBoxOptions) => {
      shown.push(b ? { window: a as BrowserWindow, options: b } : { window: undefined, options: a as MessageBoxOptions });
      return { response, checkboxChecked: false };
    }),
  } as unknown as MessageBoxes;
  return { dialog, shown };
}

describe('the desktop confirms a gluster command in the main process', () => {
  it('shows the exact command line, natively, over the app window; only "Run this command" confirms', async () => {
    const win = new FakeBrowserWindow({}) as unknown as BrowserWindow;
    const yes = fakeDialog(1);
    expect(await createCommandConfirmation(yes.dialog, () => win)(change)).toBe(true);
    expect(yes.shown).toHaveLength(1);
    const { window, options } = yes.shown[0]!;
    expect(window).toBe(win);
    expect(options.detail?.split('\n')[0]).toBe('sudo -n /opt/gluster/sbin/gluster');
    expect(options.message).toContain('shared-home');
    expect(options.buttons).toEqual(['Cancel', 'Run this command']);
    expect(options).toMatchObject({ defaultId: 0, cancelId: 0, type: 'warning' });
  });

  it('Cancel, Escape or closing the box refuses, and says so in the log', async () => {
    const warn = vi.fn();
    const no = fakeDialog(0);
    expect(await createCommandConfirmation(no.dialog, () => undefined, { warn })(change)).toBe(false);
    expect(no.shown[0]!.window).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('`sudo -n /opt/gluster/sbin/gluster` for shared-home was not confirmed'));
  });
});

import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import type { CommandChange, ConfirmCommand } from '../engine/settings/settings-guards';

/** The part of Electron's `dialog` this module needs, so tests can pass a fake. */
export interface MessageBoxes {
  showMessageBox(window: BrowserWindow, options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
  showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
}

const CANCEL = 0;
const RUN = 1;

/** The dialog's text: the exact command line on a line of its own, and what it replaces. */
export function confirmationOptions(change: CommandChange): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Confirm the gluster command',
    message: `Let Fleetscope run this command for storage source "${change.sourceId}"?`,
    detail:
      `${change.line}\n\n` +
      `Fleetscope will run it as you, on every storage poll (${change.where}; ${change.before === null ? 'no command before' : `before: ${change.before}`}). ` +
      'Only confirm a command you typed yourself.',
    buttons: ['Cancel', 'Run this command'],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
  };
}

/**
 * The desktop's confirmation of a new gluster command line, shown by the main process: the
 * renderer only sends the line it showed, so a compromised renderer can ask but not answer.
 */
export function createCommandConfirmation(dialog: MessageBoxes, parent: () => BrowserWindow | undefined, log: Pick<Console, 'warn'> = console): ConfirmCommand {
  return async (change) => {
    const options = confirmationOptions(change);
    const window = parent();
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    const confirmed = response === RUN;
    if (!confirmed) log.warn(`[fleetscope] the gluster command \`${change.line}\` for ${change.sourceId} was not confirmed; nothing was saved`);
    return confirmed;
  };
}

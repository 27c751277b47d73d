import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';

/** The part of Electron's `dialog` this module needs, so tests can pass a fake. */
export interface OpenDialogs {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
}

export const LOG_DIALOG_OPTIONS: OpenDialogOptions = {
  title: 'Open Bitbucket access logs',
  buttonLabel: 'Read logs',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: 'Access logs and support zips', extensions: ['log', 'gz', 'bz2', 'zip'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/**
 * The desktop's file dialog for access logs, shown by the main process: the renderer asks for
 * it, and only what the person picks here (or what lies in the allowed folders) may be read.
 */
export function createLogFileDialog(dialog: OpenDialogs, parent: () => BrowserWindow | undefined): () => Promise<string[]> {
  return async () => {
    const window = parent();
    const result = window ? await dialog.showOpenDialog(window, LOG_DIALOG_OPTIONS) : await dialog.showOpenDialog(LOG_DIALOG_OPTIONS);
    return result.canceled ? [] : result.filePaths;
  };
}

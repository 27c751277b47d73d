import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/** The part of Electron's `BrowserWindow` this module needs, so tests can pass the stand-in. */
export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => Pick<BrowserWindow, 'loadURL' | 'destroy' | 'isDestroyed'> & {
  webContents: Pick<BrowserWindow['webContents'], 'printToPDF'>;
};

/** A4 with the margins of the report's own CSS (`@page`), backgrounds kept: severity tags and chart colours print. */
export const PDF_OPTIONS = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true } as const;

/**
 * The desktop's print-to-PDF: the report, a self-contained page, is loaded into a hidden,
 * sandboxed window with JavaScript off (it has none, and a stray event text must not run), printed
 * by Chromium's `printToPDF`, and the window destroyed whatever happens.
 */
export function createPdfPrinter(Window: WindowConstructor): (html: string) => Promise<Buffer> {
  return async (html) => {
    const win = new Window({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false, nodeIntegration: false } });
    try {
      await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      return Buffer.from(await win.webContents.printToPDF(PDF_OPTIONS));
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  };
}

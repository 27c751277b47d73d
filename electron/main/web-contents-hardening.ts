import type { Session, WebContents } from 'electron';
import { withContentSecurityPolicy } from './csp';
import { openExternalSafely, type ExternalOpener } from './external-links';

export interface HardeningPolicy {
  /** Whether a URL is the app's own page, the only place a frame may navigate to. */
  isAppPage(url: string): boolean;
  opener: ExternalOpener;
  /** The origins of the fleet's own hosts, as last seen; the only web hosts a link may open besides documentation. */
  fleetOrigins(): ReadonlySet<string>;
  log?: Pick<Console, 'warn'>;
}

/**
 * Locks down one webContents: no new windows, no navigation away from the app page, no webviews.
 *
 * Applied from `web-contents-created`, so it covers every webContents the app will ever have,
 * including any a future feature creates without thinking of this (Electron security checklist
 * items 11–14). A link the user asked to open (`target=_blank`, `window.open`) goes to the system
 * browser when it is a web link to the fleet or its documentation; the app itself never opens a
 * second window.
 */
export function hardenWebContents(contents: WebContents, policy: HardeningPolicy): void {
  const log = policy.log ?? console;

  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, policy, log);
    return { action: 'deny' };
  });

  const keepOnAppPage = (event: { preventDefault(): void; url: string }, kind: string): void => {
    if (policy.isAppPage(event.url)) return;
    event.preventDefault();
    log.warn(`[fleetscope] blocked ${kind} to ${event.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event) => keepOnAppPage(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => keepOnAppPage(event, 'frame navigation'));
  contents.on('will-redirect', (event) => keepOnAppPage(event, 'redirect'));

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('[fleetscope] blocked a <webview>');
  });
}

/**
 * Session-wide policy: every permission refused, and our CSP on every response.
 *
 * The renderer needs no permission (no camera, notifications come from main), so both the
 * asynchronous request and the synchronous check answer no; Electron grants everything by
 * default. The CSP header covers whatever the session loads; for the `file://` app page the
 * built `index.html` carries the same policy (from the same source) in a `<meta>` tag, since header
 * injection on `file://` responses has not always been honoured (electron/electron#23485).
 */
export function applySessionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

import { useEffect, useState } from 'react';
import { KIOSK_CHOICES, KIOSK_DEFAULT_SECONDS, kioskSeconds, nextKioskView } from '../../shared/logic/kiosk';
import { navigate, setRouteParams, useRouteStore } from '../routing/route-store';

/** Seconds per view while kiosk mode is on (the route's `kiosk`), else null. */
export const useKioskSeconds = (): number | null => useRouteStore((s) => kioskSeconds(s.route.params.kiosk));

export const kioskActions = {
  /** Kiosk mode from the current view, each view shown `seconds`; a new place, so Back leaves it. */
  start(seconds: number): void {
    setRouteParams({ kiosk: String(seconds) }, { replace: false });
  },
  stop(): void {
    setRouteParams({ kiosk: null });
    // Refused only when full screen already ended (Esc leaves it in the browser first): nothing left to do.
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  },
};

/**
 * While kiosk mode is on, moves to the next view every interval, keeping the route's time range
 * and kiosk param; Esc leaves it (unless a dialog, the search or the drawer takes Esc first).
 */
export const useKioskRotation = (): void => {
  const seconds = useKioskSeconds();
  const view = useRouteStore((s) => s.route.view);
  useEffect(() => {
    if (seconds === null) return undefined;
    // Restarted on every view change: each view gets its full interval, whoever moved to it.
    const timer = window.setTimeout(() => navigate({ view: nextKioskView(view), repo: null, params: {} }, { replace: true }), seconds * 1000);
    return () => window.clearTimeout(timer);
  }, [seconds, view]);
  useEffect(() => {
    if (seconds === null) return undefined;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) kioskActions.stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [seconds]);
};

/** Enters the browser's full screen; says why not when the browser or the shell refuses. */
export const requestFullScreen = (): Promise<string | null> =>
  typeof document.documentElement.requestFullscreen !== 'function'
    ? Promise.resolve('This browser has no full-screen mode for pages; use its own (F11 in most browsers).')
    : document.documentElement.requestFullscreen().then(
        () => null,
        (err: unknown) => `Full screen was refused (${err instanceof Error ? err.message : String(err)}). Press F11 instead.`,
      );

/** The small control left on screen in kiosk mode: what it does, and the way out. */
export const KioskBar = ({ seconds }: { seconds: number }) => (
  <div className="kiosk-bar" data-testid="kiosk-bar" role="status">
    <span className="muted small">Kiosk · next view every {seconds} s</span>
    <button
      type="button"
      className="button button--ghost kiosk-bar__leave"
      data-testid="kiosk-leave"
      onClick={() => kioskActions.stop()}
      title="Leave kiosk mode (Esc)"
    >
      Leave kiosk <kbd>Esc</kbd>
    </button>
  </div>
);

/** The drawer's kiosk part: how long each view stays, start, and full screen. */
export const KioskControls = () => {
  const current = useKioskSeconds();
  const [seconds, setSeconds] = useState<number>(current ?? KIOSK_DEFAULT_SECONDS);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section className="presenter__section" aria-labelledby="presenter-kiosk-title">
      <h3 id="presenter-kiosk-title" className="presenter__heading">
        Kiosk and full screen
      </h3>
      <div className="presenter__row">
        <label className="presenter__row">
          <span>Next view every</span>
          <select data-testid="kiosk-seconds" value={seconds} onChange={(e) => setSeconds(Number(e.target.value))}>
            {KIOSK_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s} s
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" data-testid="kiosk-start" onClick={() => kioskActions.start(seconds)}>
          {current === null ? 'Start kiosk' : 'Restart kiosk'}
        </button>
        <button type="button" className="button button--ghost" data-testid="full-screen" onClick={() => void requestFullScreen().then(setProblem)}>
          Full screen
        </button>
      </div>
      <p className="muted small">Kiosk hides the navigation and shows Overview, Caches, Mirrors, Storage and Timeline in turn. Esc leaves it.</p>
      {problem && (
        <p className="inline-error" role="alert" data-testid="full-screen-error">
          {problem}
        </p>
      )}
    </section>
  );
};

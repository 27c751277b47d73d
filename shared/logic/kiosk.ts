/**
 * Kiosk mode (issue 17): a screen on the wall that shows the fleet without anyone at it. The
 * route's `kiosk` param turns it on and says how many seconds each view stays: `?kiosk` alone
 * uses the default, `?kiosk=30` every 30 s. Pure, so the renderer and its tests read it the same.
 */

/** The views a kiosk rotates through: the ones that show the fleet, not the ones that edit it. */
export const KIOSK_VIEWS = ['overview', 'caches', 'mirrors', 'storage', 'timeline'] as const;
export type KioskView = (typeof KIOSK_VIEWS)[number];

export const KIOSK_DEFAULT_SECONDS = 30;
/** Short enough for a quick look round (and an end-to-end test), long enough for a view to load. */
export const KIOSK_MIN_SECONDS = 2;
export const KIOSK_MAX_SECONDS = 3600;
/** The intervals the presenter drawer offers. */
export const KIOSK_CHOICES = [10, 30, 60, 120] as const;

/** Seconds per view, from the route's `kiosk` value; null when kiosk mode is off. */
export function kioskSeconds(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value.replace(/s$/i, ''));
  if (value === '' || value === 'on' || !Number.isFinite(n)) return KIOSK_DEFAULT_SECONDS;
  return Math.min(KIOSK_MAX_SECONDS, Math.max(KIOSK_MIN_SECONDS, Math.round(n)));
}

/** The view after `current` in the rotation; a view outside it (Settings, a repository) goes to the first. */
export function nextKioskView(current: string): KioskView {
  const i = (KIOSK_VIEWS as readonly string[]).indexOf(current);
  return KIOSK_VIEWS[(i + 1) % KIOSK_VIEWS.length] ?? 'overview';
}

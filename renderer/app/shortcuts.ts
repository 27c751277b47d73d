import { useEffect } from 'react';
import { openPalette, openShortcuts, usePaletteStore } from '../features/search/palette-store';
import { presenterActions } from '../features/demo/presenter-store';
import { selectDemoEnabled, useFleetStore } from '../state/fleet.store';

const typing = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
};

/** The shortcuts the palette's help lists; one table so help and handling cannot drift apart. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: 'Ctrl K  /  ⌘ K', does: 'Open search: repositories, primaries, nodes, farms, volumes, bricks, views, actions' },
  { keys: '/', does: 'Open search (when not typing in a field)' },
  { keys: '↑  ↓', does: 'Move through the results' },
  { keys: 'Enter', does: 'Open the result, or run the action' },
  { keys: 'Esc', does: 'Close search, this help or the presenter controls; in kiosk mode, leave kiosk' },
  { keys: '?', does: 'Show these shortcuts' },
  { keys: 'P', does: 'Open or close the presenter controls (demo fleet only): faults, speed, kiosk' },
  { keys: 'Alt ←  /  Alt →', does: 'Back and Forward through the places visited (the browser’s own)' },
];

/** Ctrl+K / Cmd+K anywhere; "/", "?" and "P" when not typing in a field. */
export const useGlobalShortcuts = (): void => {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        openPalette();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || usePaletteStore.getState().open !== null) return;
      if (e.key === '/') {
        e.preventDefault();
        openPalette();
      } else if (e.key === '?') {
        e.preventDefault();
        openShortcuts();
      } else if (e.key.toLowerCase() === 'p' && !e.shiftKey && selectDemoEnabled(useFleetStore.getState())) {
        e.preventDefault();
        presenterActions.toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
};

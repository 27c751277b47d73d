import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of an element in CSS pixels, following resizes, rounded to `step` so a drag does not
 * refetch on every pixel; `measured` once it was read. Read by a ResizeObserver, whose first
 * report comes after the browser's own layout: reading the width while the view mounts forced a
 * layout of the whole new view inside React's commit, one long task at 2× CPU (issue 13 goal 5).
 * Where there is no ResizeObserver (jsdom), `fallback` counts as measured.
 */
export function useSteppedWidth<T extends HTMLElement>(fallback: number, step = 20): [RefObject<T | null>, number, boolean] {
  const ref = useRef<T>(null);
  const observable = typeof ResizeObserver !== 'undefined';
  const [width, setWidth] = useState<number | null>(observable ? null : fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !observable) return undefined;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      if (w > 0) setWidth(Math.max(step, Math.round(w / step) * step));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [step, observable]);
  return [ref, width ?? fallback, width !== null];
}

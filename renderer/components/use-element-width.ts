import { useEffect, useState, type RefObject } from 'react';

/**
 * The width of an element in CSS pixels, kept current; null until measured (and where nothing
 * can measure), so a reader sized by it can wait instead of asking twice.
 */
export function useMeasuredWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const apply = (w: number): void => setWidth(w > 0 ? Math.floor(w) : null);
    // jsdom and very old engines have no ResizeObserver: one measure (or none) stays.
    if (typeof ResizeObserver === 'undefined') {
      apply(el.getBoundingClientRect().width);
      return undefined;
    }
    // The observer reports the first size after the browser's next layout; reading it here
    // would force that layout inside React's commit, one long task with the render before it.
    const observer = new ResizeObserver((entries) => apply(entries[0]?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The width of an element in CSS pixels, kept current; `fallback` until measured (and where nothing can measure). */
export const useElementWidth = (ref: RefObject<HTMLElement | null>, fallback: number): number => useMeasuredWidth(ref) ?? fallback;

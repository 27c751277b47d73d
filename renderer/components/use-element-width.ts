import { useEffect, useState, type RefObject } from 'react';

/** The width of an element in CSS pixels, kept current; `fallback` until measured (and where nothing can measure). */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const apply = (w: number): void => setWidth(w > 0 ? Math.floor(w) : fallback);
    apply(el.getBoundingClientRect().width);
    // jsdom and very old engines have no ResizeObserver: the first measure (or the fallback) stays.
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => apply(entries[0]?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}

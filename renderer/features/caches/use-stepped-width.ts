import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of an element in CSS pixels, following resizes; `fallback` where layout is absent
 * (jsdom) or before the first measure. Rounded to `step` so a drag does not refetch on every pixel.
 */
export function useSteppedWidth<T extends HTMLElement>(fallback: number, step = 20): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const apply = (w: number): void => {
      if (w > 0) setWidth(Math.max(step, Math.round(w / step) * step));
    };
    apply(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => apply(entries[0]?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, [step]);
  return [ref, width];
}

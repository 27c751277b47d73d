import type { Rect, Virtualizer } from '@tanstack/react-virtual';

/**
 * A virtualizer's `observeElementRect` that learns the scroll element's size from a
 * ResizeObserver only. TanStack's default also reads `clientHeight` at once, inside React's
 * commit, which forces a layout of the whole new view there: one long task at 2× CPU when a view
 * opens (issue 13 goal 5). Until the first report (after the browser's own layout) the
 * virtualizer uses its `initialRect`; with no ResizeObserver (jsdom) it keeps that.
 */
export const observeRectAfterLayout = <T extends Element>(instance: Virtualizer<T, Element>, cb: (rect: Rect) => void): (() => void) | undefined => {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver((entries) => {
    const box = entries[0]?.contentRect;
    if (box) cb({ width: Math.round(box.width), height: Math.round(box.height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
};

import type { Rect, Virtualizer } from '@tanstack/react-virtual';

/**
 * A virtualiser's `observeElementRect` that reads the scroll box's size only when a
 * ResizeObserver reports it, i.e. after the browser's own layout. TanStack's default also reads
 * `clientWidth` in the layout effect of the first render, which forces a layout of the whole page
 * inside React's commit: on the Timeline that was half of the first render's longest task
 * (bench/timeline.bench.ts). Until the first report the virtualiser sizes by its `initialRect`.
 */
export function observeRectAfterLayout<S extends Element, I extends Element>(instance: Virtualizer<S, I>, cb: (rect: Rect) => void): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return undefined;
  // Inside the callback the layout is fresh: reading the client box (padding in, scrollbar out,
  // as TanStack measures it) costs no layout of its own.
  const observer = new ResizeObserver(() => cb({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element);
  return () => observer.disconnect();
}

import { elementScroll, type Virtualizer } from '@tanstack/react-virtual';

/** Scroll boxes the virtualiser has written to at least once. */
const written = new WeakSet<Element>();

/**
 * A virtualiser's `scrollToFn` that skips its first write of offset 0 to a scroll box. TanStack
 * scrolls a box to its initial offset as soon as it attaches, in the layout effect of the first
 * render, and `scrollTo` forces a layout of the whole page inside React's commit: opening Caches
 * at 10 × 50,000 that was ≈ 75 ms of a 95 ms task at 2× CPU (bench/views-at-scale.bench.ts). A box
 * that was just created is at 0 already, and scrolling to where it is fires no event, so skipping
 * that write changes nothing. Every later write (a restored offset, scrollToIndex) goes through.
 */
export function scrollAfterLayout<S extends Element, I extends Element>(
  offset: number,
  options: { adjustments?: number; behavior?: ScrollBehavior },
  instance: Virtualizer<S, I>,
): void {
  const element = instance.scrollElement;
  if (element && !written.has(element)) {
    written.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
}

import { describe, expect, it, vi } from 'vitest';
import type { Virtualizer } from '@tanstack/react-virtual';
import { scrollAfterLayout } from '../../renderer/components/scroll-after-layout';

/** A virtualiser as the scroll function reads it: its scroll box and its direction. */
const instanceWith = (element: { scrollTo: (o: ScrollToOptions) => void } | null) =>
  ({ scrollElement: element, options: { horizontal: false, isRtl: false } }) as unknown as Virtualizer<Element, Element>;

describe('scrollAfterLayout', () => {
  it('skips the first write of offset 0 to a new scroll box (it is there already), and makes every later one', () => {
    const scrollTo = vi.fn();
    const instance = instanceWith({ scrollTo });
    scrollAfterLayout(0, {}, instance);
    expect(scrollTo).not.toHaveBeenCalled();
    scrollAfterLayout(0, {}, instance);
    scrollAfterLayout(320, { behavior: 'smooth' }, instance);
    expect(scrollTo.mock.calls).toEqual([[{ top: 0, behavior: undefined }], [{ top: 320, behavior: 'smooth' }]]);
  });

  it('makes a first write that is not 0, adjustments included', () => {
    const scrollTo = vi.fn();
    scrollAfterLayout(0, { adjustments: 64 }, instanceWith({ scrollTo }));
    const other = vi.fn();
    scrollAfterLayout(96, {}, instanceWith({ scrollTo: other }));
    expect(scrollTo.mock.calls).toEqual([[{ top: 64, behavior: undefined }]]);
    expect(other.mock.calls).toEqual([[{ top: 96, behavior: undefined }]]);
  });

  it('does nothing without a scroll box', () => {
    expect(() => scrollAfterLayout(0, {}, instanceWith(null))).not.toThrow();
  });
});

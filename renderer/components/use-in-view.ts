import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the element is on screen or within `marginPx` of it, followed as the page scrolls. A
 * list of cards with a chart each (the Mirrors view: 30 farms at 10 primaries) then asks for the
 * charts a person can see, and asks again after each poll only for those: opening the view sent
 * ≈ 120 history and event reads at once, each a fetch, an answer to check and a chart to draw on
 * the page's main thread (issue 13 goal 5). True where there is no IntersectionObserver (jsdom).
 */
export function useInView(ref: RefObject<Element | null>, marginPx = 300): boolean {
  const [inView, setInView] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver((entries) => setInView(entries[entries.length - 1]!.isIntersecting), { rootMargin: `${marginPx}px 0px` });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, marginPx]);
  return inView;
}

/**
 * When a page first drew an element, by the page's own clock (issue 13 item 7's bench).
 *
 * Playwright's `locator.waitFor` checks the page at growing intervals (0, 20, 50, 100, 100, then
 * every 500 ms): the moment it returns can be up to half a second after the element was drawn,
 * and that lag is the bench's, not the user's. This script, added to the page before it loads
 * (`page.addInitScript`), watches the DOM and writes the wall-clock time (ms since the epoch) of
 * the frame after the selector first matched, once that frame has run, to `window[key]`, and
 * hands it to the bench through `window[FIRST_DRAW_BINDING]` when the bench exposed one: waiting
 * with a locator instead makes Playwright inject its own script into the page while the page is
 * loading (in a traced start, a 65 ms task on the page's main thread before the card), which is
 * the bench's cost, not the user's.
 *
 * Page code as text: tsx would otherwise add helpers the page lacks.
 */
export const FIRST_DRAW_KEY = '__fleetscopeFirstDraw';
export const FIRST_DRAW_BINDING = '__fleetscopeFirstDrawn';

export const firstDrawScript = (selector: string): string => `(() => {
  const key = ${JSON.stringify(FIRST_DRAW_KEY)};
  const selector = ${JSON.stringify(selector)};
  const now = () => performance.timeOrigin + performance.now();
  let seen = false;
  const check = () => {
    if (seen || !document.querySelector(selector)) return;
    seen = true;
    observer.disconnect();
    // The rAF callback runs before that frame's style, layout and paint; the task after it, once
    // they are done: the card is on screen then.
    requestAnimationFrame(() => setTimeout(() => {
      window[key] = now();
      window[${JSON.stringify(FIRST_DRAW_BINDING)}]?.(window[key]);
    }, 0));
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

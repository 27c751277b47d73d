import { afterEach, beforeEach } from 'vitest';

/**
 * jsdom lays nothing out: the elements with these test ids get the width they have in a browser
 * (every other element 0), so what is sized by them reads. Call once at the top of a test file.
 */
export function useStubWidths(widths: Record<string, number>): void {
  const rect = Object.getOwnPropertyDescriptor(Element.prototype, 'getBoundingClientRect')!;
  beforeEach(() => {
    Object.defineProperty(Element.prototype, 'getBoundingClientRect', {
      configurable: true,
      value(this: Element) {
        const width = widths[this.getAttribute('data-testid') ?? ''] ?? 0;
        return { x: 0, y: 0, top: 0, left: 0, right: width, bottom: 0, width, height: 0, toJSON: () => ({}) };
      },
    });
  });
  afterEach(() => Object.defineProperty(Element.prototype, 'getBoundingClientRect', rect));
}

// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_DRAW_KEY, firstDrawScript } from '../../bench/helpers/first-draw';

const CARD = '[data-testid="card"][data-value]';
const drawn = (): unknown => (window as unknown as Record<string, unknown>)[FIRST_DRAW_KEY];
const frames = (n: number): Promise<void> =>
  n === 0 ? Promise.resolve() : new Promise((r) => requestAnimationFrame(() => setTimeout(() => void frames(n - 1).then(r), 0)));
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('firstDrawScript (the first-data bench reads the card time from the page)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    delete (window as unknown as Record<string, unknown>)[FIRST_DRAW_KEY];
  });

  it('writes nothing while the selector does not match', async () => {
    (0, eval)(firstDrawScript(CARD));
    document.body.innerHTML = '<dd data-testid="card"></dd>';
    await frames(2);
    expect(drawn()).toBeUndefined();
  });

  it('writes the time of the frame after the element appeared, not before that frame has run', async () => {
    (0, eval)(firstDrawScript(CARD));
    const before = performance.timeOrigin + performance.now();
    document.body.innerHTML = '<dd data-testid="card" data-value="300"></dd>';
    await settle();
    expect(drawn()).toBeUndefined();
    await frames(2);
    const at = drawn();
    expect(typeof at).toBe('number');
    expect(at as number).toBeGreaterThanOrEqual(before);
    expect(at as number).toBeLessThanOrEqual(performance.timeOrigin + performance.now());
  });

  it('sees an attribute that makes an element match, and keeps the first time only', async () => {
    (0, eval)(firstDrawScript(CARD));
    document.body.innerHTML = '<dd data-testid="card"></dd>';
    await frames(1);
    document.querySelector('dd')!.setAttribute('data-value', '300');
    await frames(2);
    const first = drawn();
    expect(typeof first).toBe('number');
    document.body.innerHTML = '<dd data-testid="card" data-value="301"></dd>';
    await frames(2);
    expect(drawn()).toBe(first);
  });
});

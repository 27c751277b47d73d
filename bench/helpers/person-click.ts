import type { Locator, Page } from '@playwright/test';

/**
 * A click as a person makes one: the pointer comes to rest on the element, presses, and lets go
 * 100 ms later. Playwright's `click()` sends the move, the press and the release at once, and
 * Chromium handles them in one frame's task: hit tests, hover styles, every listener of
 * pointerover, pointerdown, mousedown, pointerup, mouseup and click, and Playwright's own check of
 * where the click landed — 21–46 ms of the main thread at 2× CPU when Caches opened (CDP traces,
 * 6 December 2026), a task no mouse makes. The figures are the app's answer to a click, not to a
 * burst of input.
 */
export async function clickLikeAPerson(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('The element to click has no box on screen.');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(100);
  await page.mouse.down();
  await page.waitForTimeout(100);
  await page.mouse.up();
}

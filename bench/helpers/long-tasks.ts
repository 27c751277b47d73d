// The long-task record the UI benches read: every main-thread task over 50 ms the page reports.
// Page code (DOM types), so this file is compiled by tsconfig.page.json.
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
  }
}

/** Records the page's long tasks in `window.__longTasks` from its first script on (call before `goto`). */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

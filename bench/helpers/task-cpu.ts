// Main-thread tasks from a Chromium trace, with the CPU time each got (`tdur`) beside its wall
// time. On a loaded machine a task's wall time also counts the time the OS ran other processes;
// its thread CPU time does not, so printing both tells the page's own cost from the machine's load.
import type { CDPSession, Page } from '@playwright/test';

type TraceEvent = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } };

export interface TracedTask {
  wallMs: number;
  cpuMs: number;
}

/** Starts a trace of the page's task timings; the returned function ends it and lists tasks over `minMs` wall. */
export async function traceTasks(page: Page, minMs = 50): Promise<() => Promise<TracedTask[]>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (p) => void events.push(...(p.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel'] }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    if (!main) throw new Error('The trace has no renderer main thread: the page did not run while it was traced.');
    return events
      .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > minMs * 1000)
      .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
  };
}

/** "longest 120 ms wall (31 ms CPU); most CPU in one task 44 ms", or that there was none. */
export function describeTasks(tasks: readonly TracedTask[]): string {
  if (tasks.length === 0) return 'no task over 50 ms wall';
  const longest = tasks.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
  const most = Math.max(...tasks.map((t) => t.cpuMs));
  return `longest ${longest.wallMs.toFixed(0)} ms wall (${longest.cpuMs.toFixed(0)} ms CPU); most CPU in one task ${most.toFixed(0)} ms`;
}

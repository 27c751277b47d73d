// The main thread's garbage-collection pauses over a window, as Node's `gc` performance entries
// report them: how much of a cycle's CPU is the collector's, and whether it is the young
// generation's (scavenges, per allocation) or the whole heap's (mark-compact, per heap size).
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export interface GcPauses {
  minorMs: number;
  minorCount: number;
  majorMs: number;
  majorCount: number;
  /** Incremental marking steps and weak-callback processing. */
  otherMs: number;
}

export function watchGcPauses(): { stop(): GcPauses } {
  const totals: GcPauses = { minorMs: 0, minorCount: 0, majorMs: 0, majorCount: 0, otherMs: 0 };
  const add = (entries: PerformanceEntry[]): void => {
    for (const e of entries as (PerformanceEntry & { detail?: { kind?: number } })[]) {
      const kind = e.detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        totals.minorMs += e.duration;
        totals.minorCount++;
      } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        totals.majorMs += e.duration;
        totals.majorCount++;
      } else totals.otherMs += e.duration;
    }
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      add(observer.takeRecords());
      observer.disconnect();
      return totals;
    },
  };
}

import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { growingPercent } from './heap-growth';

/**
 * Imported first by the CLI and by Electron's main, before the engine allocates (issue 13: peak
 * RSS ≤ 200 MB at 10,000 repositories; docs/scale.md). Both flags are read by V8 each time it
 * sizes the heap, so setting them here acts like passing them to `node`:
 * - the old generation may grow by {@link growingPercent} over what a full collection left, not
 *   up to 4× (V8's default when collections look cheap): the engine's garbage is mostly large
 *   answers parsed and reduced at once, which V8 otherwise keeps around for tens of MB;
 * - the young generation keeps its first size (1 MB a half) instead of doubling up to 16 MB a half
 *   (32 MB, both halves touched) once objects start surviving.
 * In the `scale` bench (10 × 1,000 repositories, 60 s) the peak RSS went from 224–231 to 150 MB,
 * for ≈ 20 % more engine CPU (5.3 → 6.4–7.0 s in 70 s). Either flag alone gave less: the young
 * generation alone moved the same garbage into the old one (225–230 MB), the 30 % alone 184–186 MB.
 */
const YOUNG_FLAG = '--semi-space-growth-factor=1';

let percent = growingPercent(getHeapStatistics().used_heap_size);

function applyHeapFlags(): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  setFlagsFromString(YOUNG_FLAG);
}

applyHeapFlags();

// After each full collection the heap's size is what lives: the growth for the next one follows
// it. The observer holds no handle, so it never keeps a process alive.
new PerformanceObserver((list) => {
  if (!list.getEntries().some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) return;
  const next = growingPercent(getHeapStatistics().used_heap_size);
  // Small moves are not worth a flag change (V8 parses the string each time).
  if (Math.abs(next - percent) < 5) return;
  percent = next;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}).observe({ entryTypes: ['gc'] });

/**
 * Sets the flags again once `worker` has started: Node 20 puts V8's flags back to what the command
 * line said when a worker thread starts, so after the inventory's reader thread started the engine's
 * young generation grew to 16 MB a half again (32 MB at 10 × 50,000; docs/scale.md). Setting them
 * right after `new Worker` is too early: the thread starts later.
 */
export function keepHeapFlags(worker: Worker): void {
  worker.once('online', applyHeapFlags);
}

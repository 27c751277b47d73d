/** What the fixed-work memory scripts (sweep-state-memory.ts, inventory-memory.ts) measure with. */

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap used + ArrayBuffers (shared ones too) after two full collections. */
export function retained(): number {
  if (!gc) throw new Error('Run with node --expose-gc: the figures are what two full collections leave.');
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

/** This process's user + system CPU so far, in ms. */
export const cpuMs = (): number => (process.cpuUsage().user + process.cpuUsage().system) / 1000;

import type { TargetError } from '../../../shared/model';
import { toTargetError } from '../http/fleet-error';

export type Settled<T> = { ok: true; value: T; ms: number } | { ok: false; error: TargetError; ms: number };

/**
 * Runs one read; `ms` is the time of the exchange itself when the client measured it (not the wait
 * for a request slot behind the engine's other reads of the same host), else the wall time.
 */
export async function settle<T>(now: () => number, fn: () => Promise<{ value: T; durationMs: number | undefined }>): Promise<Settled<T>> {
  const t0 = now();
  try {
    const { value, durationMs } = await fn();
    return { ok: true, value, ms: durationMs ?? now() - t0 };
  } catch (err) {
    return { ok: false, error: toTargetError(err, now()), ms: now() - t0 };
  }
}

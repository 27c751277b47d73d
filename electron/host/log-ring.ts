import { formatWithOptions } from 'node:util';
import type { FleetHostOptions } from './fleet-host-options';

/** Lines kept, and the longest line kept whole: a week of warnings fits, a runaway loop cannot fill memory. */
export const LOG_RING_LINES = 2_000;
const MAX_LINE = 2_000;

/**
 * Fleetscope's own log where there is no log file: the most recent lines in memory (warnings,
 * refused requests, errors of requests, the server's lines), for the support bundle.
 */
export function createLogRing(max: number = LOG_RING_LINES, now: () => number = Date.now) {
  const lines: string[] = [];
  const push = (level: 'info' | 'warn' | 'error', parts: readonly unknown[]): void => {
    const text = formatWithOptions({ breakLength: Infinity }, ...parts);
    lines.push(`${new Date(now()).toISOString()} ${level} ${text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text}`);
    if (lines.length > max) lines.splice(0, lines.length - max);
  };
  return {
    info: (...parts: unknown[]) => push('info', parts),
    warn: (...parts: unknown[]) => push('warn', parts),
    error: (...parts: unknown[]) => push('error', parts),
    lines: (): readonly string[] => [...lines],
  };
}

/** The host's options with every warning and log line also kept in a ring, for the support bundle. */
export function withLogRing(options: FleetHostOptions): { opts: FleetHostOptions; ring: ReturnType<typeof createLogRing> } {
  const ring = createLogRing();
  const outer = options.log ?? console;
  const opts: FleetHostOptions = {
    ...options,
    warn: (m) => {
      ring.warn(m);
      options.warn?.(m);
    },
    log: {
      warn: (...a: unknown[]) => {
        ring.warn(...a);
        outer.warn(...a);
      },
      error: (...a: unknown[]) => {
        ring.error(...a);
        outer.error(...a);
      },
    },
  };
  return { opts, ring };
}

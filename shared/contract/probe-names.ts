/** Request names of the clone doctor (issue #14). Zod-free: the preload bundles it. */
export const PROBE_REQUEST_NAMES = ['probeClone', 'cancelProbe', 'getProbeHistory'] as const;
export type ProbeRequestName = (typeof PROBE_REQUEST_NAMES)[number];

/**
 * How long a client waits for requests that answer only when long work is done: a clone probe runs
 * real clones endpoint after endpoint (each bounded by its own timeout, and cancellable).
 */
export const LONG_REQUEST_TIMEOUT_MS: Readonly<Partial<Record<string, number>>> = { probeClone: 3_600_000 };

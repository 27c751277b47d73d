/** Request names of the clone doctor (issue #14). Zod-free: the preload bundles it. */
export const PROBE_REQUEST_NAMES = ['probeClone', 'cancelProbe'] as const;
export type ProbeRequestName = (typeof PROBE_REQUEST_NAMES)[number];

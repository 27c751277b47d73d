import type { DemoExtension } from '../extension';

/** The simulated the GlusterFS cluster (issue #5). Until that issue lands it adds nothing to the fleet. */
export function createStorageExtension(): DemoExtension {
  return {
    name: 'storage',
    start: async () => undefined,
    applyFault: async () => false,
    state: () => undefined,
    config: () => ({}),
    stop: async () => undefined,
  };
}

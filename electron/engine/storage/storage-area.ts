import type { EngineArea } from '../area';

/** The GlusterFS volume health (issue #5) area of the engine. Until that issue lands it polls nothing and answers nothing. */
export function createStorageArea(): EngineArea {
  return {
    name: 'storage',
    handlers: {},
    start: () => undefined,
    contribute: () => undefined,
    firstPoll: async () => undefined,
    stop: async () => undefined,
  };
}

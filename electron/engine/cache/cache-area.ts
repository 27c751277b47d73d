import type { EngineArea } from '../area';

/** The SCM cache console (issue #3) area of the engine. Until that issue lands it polls nothing and answers nothing. */
export function createCacheArea(): EngineArea {
  return {
    name: 'cache',
    handlers: {},
    start: () => undefined,
    contribute: () => undefined,
    firstPoll: async () => undefined,
    stop: async () => undefined,
  };
}

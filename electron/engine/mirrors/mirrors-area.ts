import type { EngineArea } from '../area';

/** The mirror farms (issue #4) area of the engine. Until that issue lands it polls nothing and answers nothing. */
export function createMirrorsArea(): EngineArea {
  return {
    name: 'mirrors',
    handlers: {},
    start: () => undefined,
    contribute: () => undefined,
    firstPoll: async () => undefined,
    stop: async () => undefined,
  };
}

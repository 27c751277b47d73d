import type { RequestName } from '../../shared/contract';
import type { HandlersOf } from '../engine/handlers';

/** Handlers for `names` that call whichever handlers `current()` returns at the time of the call. */
export function delegate<N extends RequestName>(names: readonly N[], current: () => HandlersOf<N>): HandlersOf<N> {
  const out: Partial<Record<N, unknown>> = {};
  for (const name of names) out[name] = (args: unknown, caller: unknown) => (current()[name] as (a: unknown, c: unknown) => Promise<unknown>)(args, caller);
  return out as HandlersOf<N>;
}

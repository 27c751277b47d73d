import { REQUEST_NAMES } from '../../shared/contract';
import type { FleetHandlers } from '../../electron/engine/handlers';

/**
 * A FleetHandlers with every request of the contract: the given overrides, and for the rest a
 * handler that rejects naming the request. New requests need no change to the tests that use it.
 */
export function fakeHandlers(overrides: Partial<FleetHandlers> = {}): FleetHandlers {
  const all = Object.fromEntries(REQUEST_NAMES.map((name) => [name, () => Promise.reject(new Error(`unexpected call: ${name}`))]));
  return { ...all, ...overrides } as FleetHandlers;
}

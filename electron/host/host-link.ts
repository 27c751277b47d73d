import { FleetApiError } from '../../shared/contract';
import type { HandlersOf } from '../engine/handlers';

/** Said when a request asks a host started from the command line to change where its fleet comes from. */
export const LINK_FIXED_BY_COMMAND_LINE =
  'This Fleetscope was started from the command line, which chose where its fleet comes from: restart it with `fleetscope serve --collector URL` to watch a team collector, or without --collector to poll the fleet itself.';

/**
 * The link requests of a host that polls the fleet itself and cannot be switched (browser mode,
 * the collector). The desktop answers them itself before they reach this host.
 */
export const fixedLocalLink = (): HandlersOf<'getHostLink' | 'connectCollector' | 'disconnectCollector'> => ({
  getHostLink: async () => ({ mode: 'local', switchable: false, message: null }),
  connectCollector: () => Promise.reject(new FleetApiError('not-available', LINK_FIXED_BY_COMMAND_LINE)),
  disconnectCollector: () => Promise.reject(new FleetApiError('not-available', LINK_FIXED_BY_COMMAND_LINE)),
});

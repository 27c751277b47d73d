/** Request names of the host link: poll the fleet here, or be a team collector's client. Zod-free: the preload bundles it. */
export const LINK_REQUEST_NAMES = ['getHostLink', 'connectCollector', 'disconnectCollector'] as const;

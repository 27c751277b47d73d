/** Request names of Settings (connections, credentials, the config file). Zod-free: the preload bundles it. */
export const SETTINGS_REQUEST_NAMES = [
  'getSettings',
  'savePrimary',
  'removePrimary',
  'saveStorage',
  'removeStorage',
  'setPollInterval',
  'setMirrorSweep',
  'setCacheStatistics',
  'testConnection',
  'exportConfig',
  'importConfig',
] as const;

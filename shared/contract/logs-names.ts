/** Request names of access-log analysis (issue #14). Zod-free: the preload bundles it. */
export const LOGS_REQUEST_NAMES = [
  'getLogSources',
  'chooseLogFiles',
  'startLogAnalysis',
  'getLogAnalysis',
  'cancelLogAnalysis',
  'getRepositoryLogFigures',
] as const;
export type LogsRequestName = (typeof LOGS_REQUEST_NAMES)[number];

import { ALERT_ACTION_NAMES, ALERTS_REQUEST_NAMES } from './alerts-names';
import { CACHE_REQUEST_NAMES } from './cache-names';
import { LINK_REQUEST_NAMES } from './link-names';
import { MIRRORS_REQUEST_NAMES } from './mirrors-names';
import { SETTINGS_REQUEST_NAMES } from './settings-names';
import { PROBE_REQUEST_NAMES } from './probe-names';
import { REPOSITORY_REQUEST_NAMES } from './repository-names';
import { STORAGE_REQUEST_NAMES } from './storage-names';
import { LOGS_REQUEST_NAMES } from './logs-names';
import { REPORT_REQUEST_NAMES } from './report-names';

/**
 * Names of the FleetApi requests and pushed events, free of zod so the sandboxed preload can
 * bundle them without the schemas. `contract.ts` checks that these lists match its schemas.
 * Each area keeps its own list in `<area>-names.ts`.
 */
export const CORE_REQUEST_NAMES = [
  'getSnapshot',
  'getHistory',
  'getSeries',
  'pollNow',
  'getAuditLog',
  'getDemoState',
  'setDemoFault',
  'setDemoSpeed',
  'shiftDemoClock',
  'startDemoScenario',
  'controlDemoScenario',
  'resetDemo',
  'getSession',
] as const;
export const REQUEST_NAMES = [
  ...CORE_REQUEST_NAMES,
  ...LINK_REQUEST_NAMES,
  ...SETTINGS_REQUEST_NAMES,
  ...CACHE_REQUEST_NAMES,
  ...MIRRORS_REQUEST_NAMES,
  ...STORAGE_REQUEST_NAMES,
  ...REPOSITORY_REQUEST_NAMES,
  ...ALERTS_REQUEST_NAMES,
  ...PROBE_REQUEST_NAMES,
  ...LOGS_REQUEST_NAMES,
  ...REPORT_REQUEST_NAMES,
] as const;
const known = new Set<string>(REQUEST_NAMES);

/** Whether `name` is a request of the contract; free of zod, so the server can answer before the schemas load. */
export const isRequestName = (name: string): name is RequestName => known.has(name);

/**
 * The admin actions: each runs through the engine's one action pipeline (viewer refusal, audit
 * before and after, no retry). Fleet actions also need an admin credential (they accept an
 * optional one-time `admin`) and answer after the re-poll; the alert lifecycle's
 * (ALERT_ACTION_NAMES) write nothing to Bitbucket.
 */
export const ACTION_REQUEST_NAMES = [
  'clearCache',
  'setCacheTtl',
  'setCacheEnabled',
  'setCacheProtocol',
  'acceptMirrorRequest',
  'rejectMirrorRequest',
  'setMirrorProjects',
  'removeMirror',
  ...ALERT_ACTION_NAMES,
] as const satisfies readonly RequestNameOf<typeof REQUEST_NAMES>[];
type RequestNameOf<T extends readonly string[]> = T[number];
export type ActionRequestName = (typeof ACTION_REQUEST_NAMES)[number];
/** What a host emits and the renderer's bridge hands its listeners: whole values. */
export const EVENT_NAMES = ['snapshot', 'demo', 'hostLink'] as const;
/**
 * What the transports carry (IPC channels, server-sent event types). The snapshot travels as
 * `snapshotPush`: a full copy first, then at most one patch a second with what changed; the
 * bridge (and a team collector's client) turns them back into `snapshot` events.
 */
export const PUSH_EVENT_NAMES = ['snapshotPush', 'demo', 'hostLink'] as const;

/**
 * What a viewer token of a team collector may ask: reads (`get…`) and a re-poll; never an
 * action, a Settings change, a connection test or a demo fault. The host's dispatch refuses the
 * rest; the renderer disables their controls with the reason.
 */
export const viewerMayAsk = (name: string): boolean => name.startsWith('get') || name === 'pollNow';

/** Why a viewer is refused `what` (e.g. "actions"): the same words from the host and on the disabled buttons. */
export const viewerRefusal = (viewer: { name: string }, what: string): string =>
  `${viewer.name} may only view this Fleetscope: ${what} need an admin token. Ask whoever runs the collector for one.`;

export type RequestName = (typeof REQUEST_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];
export type PushEventName = (typeof PUSH_EVENT_NAMES)[number];
export { CACHE_REQUEST_NAMES, type CacheRequestName } from './cache-names';
export { ALERT_ACTION_NAMES, type AlertsRequestName } from './alerts-names';
export { MIRRORS_REQUEST_NAMES, type MirrorsRequestName } from './mirrors-names';
export { STORAGE_REQUEST_NAMES, type StorageRequestName } from './storage-names';
export { REPOSITORY_REQUEST_NAMES, type RepositoryRequestName } from './repository-names';
export { LONG_REQUEST_TIMEOUT_MS, PROBE_REQUEST_NAMES, type ProbeRequestName } from './probe-names';
export { type LogsRequestName } from './logs-names';
export { type ReportRequestName } from './report-names';

/** IPC channel of a request or event; the only place a channel string is built. */
export const requestChannel = (name: RequestName): string => `fleet:request:${name}`;
export const eventChannel = (name: PushEventName): string => `fleet:event:${name}`;

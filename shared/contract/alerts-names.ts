/** Request names of events and the alert lifecycle (issue #15). Zod-free: the preload bundles it. */
export const ALERTS_REQUEST_NAMES = ['getEvents', 'getEventBuckets', 'getAlertHistory', 'acknowledgeAlert', 'silenceAlerts', 'expireSilence'] as const;
export type AlertsRequestName = (typeof ALERTS_REQUEST_NAMES)[number];
/** The lifecycle actions: audited through the one action pipeline like fleet actions, but they write nothing to Bitbucket. */
export const ALERT_ACTION_NAMES = ['acknowledgeAlert', 'silenceAlerts', 'expireSilence'] as const satisfies readonly AlertsRequestName[];

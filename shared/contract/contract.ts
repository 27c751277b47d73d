import { z } from 'zod';
import { historyMetricSchema, historyWindowArgs } from './history-args';
import { auditEntrySchema } from '../model/audit';
import { DEMO_SPEED_MAX, DEMO_SPEED_MIN, demoFaultSchema, demoStateSchema } from '../model/demo';
import { scenarioCommandSchema } from '../model/demo-scenario-run';
import { hostLinkSchema } from '../model/host-link';
import { snapshotSchema } from '../model/snapshot';
import { snapshotPushSchema } from '../model/snapshot-push';
import { errorCodeSchema } from '../model/status';
import { alertsRequestSchemas } from './alerts-requests';
import { cacheRequestSchemas } from './cache-requests';
import { linkRequestSchemas } from './link-requests';
import { mirrorsRequestSchemas } from './mirrors-requests';
import { CORE_REQUEST_NAMES, type EventName, type PushEventName, type RequestName } from './names';
import { joinSchemas, lazySchemas } from './lazy-schemas';
import { probeRequestSchemas } from './probe-requests';
import { repositoryRequestSchemas } from './repository-requests';
import { settingsRequestSchemas } from './settings-requests';
import { storageRequestSchemas } from './storage-requests';
import { logsRequestSchemas } from './logs-requests';
import { reportRequestSchemas } from './report-requests';
import { seriesRequestSchemas } from './series-requests';

type CoreName = Exclude<(typeof CORE_REQUEST_NAMES)[number], 'getSeries'>;
const CORE_NAMES = CORE_REQUEST_NAMES.filter((n): n is CoreName => n !== 'getSeries');

/** The requests of no area: the snapshot, history, demo controls and the session. */
const coreRequestSchemas = lazySchemas(
  CORE_NAMES,
  () =>
    ({
      getSnapshot: { args: z.object({}).strict(), result: snapshotSchema },
      getHistory: {
        args: z
          .object({
            targetId: z.string().min(1).max(200),
            metric: historyMetricSchema,
            ...historyWindowArgs,
          })
          .strict(),
        result: z.object({ points: z.array(z.tuple([z.number(), z.number()])) }),
      },
      pollNow: {
        args: z.object({ targetId: z.string().min(1).max(200).optional() }).strict(),
        result: z.object({ ok: z.literal(true) }),
      },
      getAuditLog: {
        args: z.object({ limit: z.number().int().min(1).max(10_000).default(500), targetId: z.string().min(1).max(200).optional() }).strict(),
        /** Newest first. */
        result: z.object({ entries: z.array(auditEntrySchema) }),
      },
      getDemoState: { args: z.object({}).strict(), result: demoStateSchema },
      setDemoFault: {
        args: z.object({ targetId: z.string().min(1).max(200), fault: demoFaultSchema, enabled: z.boolean() }).strict(),
        result: demoStateSchema,
      },
      /** Demo mode only: starts a scenario by name from a healthy fleet (every fault off first), replacing any running one. */
      startDemoScenario: {
        args: z.object({ name: z.string().min(1).max(80) }).strict(),
        result: demoStateSchema,
      },
      /** Demo mode only: pause, resume, step (the next step now), restart (healthy fleet, step 1 again) or stop the running scenario. */
      controlDemoScenario: {
        args: z.object({ command: scenarioCommandSchema }).strict(),
        result: demoStateSchema,
      },
      /** Demo mode only: back to a healthy fleet: every fault off, any scenario stopped. */
      resetDemo: { args: z.object({}).strict(), result: demoStateSchema },
      /** Demo mode only: how many times faster than real time the simulated fleet lives, changed mid-run. */
      setDemoSpeed: {
        args: z.object({ speed: z.number().min(DEMO_SPEED_MIN).max(DEMO_SPEED_MAX) }).strict(),
        result: demoStateSchema,
      },
      /**
       * Demo mode only: moves the clock of the alert lifecycle forward (silences expire sooner), so a
       * demonstration or an end-to-end test need not wait out a silence.
       */
      shiftDemoClock: {
        args: z
          .object({
            seconds: z
              .number()
              .int()
              .min(1)
              .max(7 * 86_400),
          })
          .strict(),
        result: z.object({ offsetSeconds: z.number() }),
      },
      /** Who is asking: the person at this Fleetscope (admin), or a team collector's named token and its role. */
      getSession: { args: z.object({}).strict(), result: z.object({ name: z.string().min(1).max(200), role: z.enum(['admin', 'viewer']) }) },
    }) as const satisfies Record<CoreName, { args: z.ZodType; result: z.ZodType }>,
);

/**
 * Every request of the FleetApi with the schema of its arguments and of its result. Each area's
 * schemas are built when one of its requests is first checked (lazy-schemas.ts).
 */
export const requestSchemas = joinSchemas(
  coreRequestSchemas,
  seriesRequestSchemas,
  linkRequestSchemas,
  settingsRequestSchemas,
  cacheRequestSchemas,
  mirrorsRequestSchemas,
  storageRequestSchemas,
  repositoryRequestSchemas,
  alertsRequestSchemas,
  probeRequestSchemas,
  logsRequestSchemas,
  reportRequestSchemas,
) satisfies Record<RequestName, { args: z.ZodType; result: z.ZodType }>;

/** Every pushed event with the schema of its payload. */
export const eventSchemas = {
  snapshot: snapshotSchema,
  demo: demoStateSchema,
  hostLink: hostLinkSchema,
} as const satisfies Record<EventName, z.ZodType>;

/** Every event the transports carry with the schema of its payload (see PUSH_EVENT_NAMES). */
export const pushSchemas = {
  snapshotPush: snapshotPushSchema,
  demo: demoStateSchema,
  hostLink: hostLinkSchema,
} as const satisfies Record<PushEventName, z.ZodType>;

export type RequestArgs<N extends RequestName> = z.input<(typeof requestSchemas)[N]['args']>;
export type ParsedArgs<N extends RequestName> = z.output<(typeof requestSchemas)[N]['args']>;
export type RequestResult<N extends RequestName> = z.output<(typeof requestSchemas)[N]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
export type PushPayload<E extends PushEventName> = z.output<(typeof pushSchemas)[E]>;

/** The error half of every response, on both transports. */
export const apiErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** What a request answers over IPC; over HTTP the same split is carried by the status code. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The contract both shells implement and the renderer's bridge exposes. */
export type FleetApi = {
  [N in RequestName]: (args: RequestArgs<N>) => Promise<RequestResult<N>>;
};

/** Subscribe to a pushed event; returns the unsubscribe function. */
export type FleetEvents = {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Thrown by the bridge and by engine handlers; carries an ApiError across transports. */
export class FleetApiError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'FleetApiError';
  }

  toJSON(): ApiError {
    return { code: this.code, message: this.message };
  }
}

/** Subscribe to an event as the transports carry it (the snapshot as pushes). */
export type PushEvents = {
  on<E extends PushEventName>(event: E, listener: (payload: PushPayload<E>) => void): () => void;
};

/**
 * What the preload exposes as `window.fleet`: one method per request, answering an Outcome
 * (errors do not survive contextBridge with their fields), and `on` for pushed events.
 */
export type PreloadApi = {
  [N in RequestName]: (args: RequestArgs<N>) => Promise<Outcome<RequestResult<N>>>;
} & PushEvents;

import type { AlertsRequestName } from '../../../shared/contract';
import type { SilenceMatcher, Snapshot } from '../../../shared/model';
import { createLocalActionPipeline } from '../actions/action-pipeline';
import type { AuditLog } from '../audit/audit-log';
import type { Caller, HandlersOf } from '../handlers';
import type { HistoryStore } from '../store/history-store';
import type { FleetRecorder } from './fleet-recorder';

export interface AlertHandlerDeps {
  store: HistoryStore;
  audit: AuditLog;
  recorder: FleetRecorder;
  localCaller: Caller;
  /** The clock of the audit log (wall time). */
  now: () => number;
  /** The snapshot of this moment, to name the targets in the audit log. */
  snapshot: () => Snapshot;
}

/** Human names of what a matcher matches, for the confirmation-like audit summary. */
function describeMatcher(m: SilenceMatcher, snapshot: Snapshot): string {
  const names = new Map<string, string>([...snapshot.primaries, ...snapshot.mirrorFarms, ...snapshot.storage].map((t) => [t.id, t.name]));
  const target = m.targetId ? (names.get(m.targetId) ?? m.targetId) : 'every target';
  return m.rule ? `alerts "${m.rule}" of ${target}` : `every alert of ${target}`;
}

const forDuration = (seconds: number): string => (seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

/** Events (read) and the alert lifecycle (acknowledge, silence, unsilence: audited, refused to viewers). */
export function alertHandlers(deps: AlertHandlerDeps): HandlersOf<AlertsRequestName> {
  const run = createLocalActionPipeline({ audit: deps.audit, now: deps.now, localCaller: deps.localCaller });
  const { lifecycle } = deps.recorder;
  return {
    getEvents: async ({ limit, ...query }) => {
      const events = deps.store.events({ ...query, limit: limit + 1 });
      return { events: events.slice(0, limit), truncated: events.length > limit };
    },
    getEventBuckets: async (query) => deps.store.eventBuckets(query),
    getAlertHistory: async ({ from, to, limit }) => ({ alerts: deps.store.alertRecords(from ?? 0, to ?? Number.MAX_SAFE_INTEGER, limit) }),
    acknowledgeAlert: async ({ fingerprint, note }, caller) => {
      const record = lifecycle.firing(fingerprint);
      const { result, auditId } = run(
        {
          action: 'acknowledgeAlert',
          targetId: record?.targetId ?? fingerprint,
          target: record?.title ?? fingerprint,
          summary: `Acknowledge the alert "${record?.title ?? fingerprint}"${note ? `: ${note}` : ''}`,
          perform: (actor) => lifecycle.acknowledge(fingerprint, actor, note),
        },
        caller,
      );
      return { ok: true, auditId, ack: result };
    },
    silenceAlerts: async ({ matcher, durationSeconds, comment }, caller) => {
      const { result, auditId } = run(
        {
          action: 'silenceAlerts',
          targetId: matcher.targetId ?? 'fleet',
          target: describeMatcher(matcher, deps.snapshot()),
          summary: `Silence ${describeMatcher(matcher, deps.snapshot())} for ${forDuration(durationSeconds)}${comment ? `: ${comment}` : ''}`,
          perform: (actor) => lifecycle.silence(matcher, durationSeconds, actor, comment),
        },
        caller,
      );
      return { ok: true, auditId, silence: result };
    },
    expireSilence: async ({ silenceId }, caller) => {
      const found = lifecycle.silenceById(silenceId);
      const what = found ? describeMatcher(found.matcher, deps.snapshot()) : `silence ${silenceId}`;
      const { result, auditId } = run(
        {
          action: 'expireSilence',
          targetId: found?.matcher.targetId ?? 'fleet',
          target: what,
          summary: `End the silence of ${what} now`,
          perform: () => lifecycle.expire(silenceId),
        },
        caller,
      );
      return { ok: true, auditId, silence: result };
    },
  };
}

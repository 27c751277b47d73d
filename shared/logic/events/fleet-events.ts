import type { AuditEntry, DemoFault, NewFleetEvent, Snapshot } from '../../model';
import { cacheEvents, mirrorEvents, syncEvents, type ChangeContext } from './area-events';
import { alertEvents, findingEvents } from './finding-events';
import { statusEvents } from './status-events';

export type { ChangeContext } from './area-events';

/**
 * Every change worth knowing between two consecutive snapshots, in one place: status transitions
 * of every target, findings raised and cleared, alerts opened and resolved, the cache switched
 * or its TTLs changed, mirrors authorized or removed, sync state per farm. The first snapshot
 * (no previous one) is a baseline and yields nothing: what was already so did not just happen.
 */
export function snapshotEvents(prev: Snapshot | null, next: Snapshot, ctx: ChangeContext = { recentActions: [] }): NewFleetEvent[] {
  if (!prev) return [];
  return [
    ...statusEvents(prev, next),
    ...findingEvents(prev, next),
    ...alertEvents(prev, next),
    ...cacheEvents(prev, next, ctx),
    ...mirrorEvents(prev, next),
    ...syncEvents(prev, next),
  ];
}

/** An admin action, once the audit log completed it. */
export function auditEvent(entry: AuditEntry): NewFleetEvent {
  const failed = entry.outcome !== 'succeeded';
  return {
    at: entry.finishedAt ?? entry.startedAt,
    kind: 'admin-action',
    severity: failed ? 'warning' : 'info',
    targetId: entry.targetId,
    subject: null,
    text: `${entry.actor}: ${entry.summary} — ${entry.outcome}${failed && entry.detail ? ` (${entry.detail})` : ''}`,
    demo: false,
  };
}

/** A fault of the simulated fleet switched on or off; marked demo, so nobody mistakes it for an incident. */
export function demoFaultEvent(targetId: string, fault: DemoFault, enabled: boolean, at: number): NewFleetEvent {
  const { kind, ...params } = fault;
  const detail = Object.entries(params)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
  return {
    at,
    kind: 'demo-fault',
    severity: enabled ? 'warning' : 'info',
    targetId,
    subject: null,
    text: `Demo fault ${kind}${detail ? ` (${detail})` : ''} switched ${enabled ? 'on' : 'off'} on ${targetId}`,
    demo: true,
  };
}

/** The simulated fleet's speed changed: a demo event, so the timeline shows why its charts suddenly move faster. */
export function demoSpeedEvent(from: number, to: number, at: number): NewFleetEvent {
  return {
    at,
    kind: 'demo-fault',
    severity: 'info',
    // The whole simulated fleet, not one target of it.
    targetId: 'demo',
    subject: 'speed',
    text: `Demo speed changed from ×${from} to ×${to}`,
    demo: true,
  };
}

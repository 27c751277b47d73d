import type { NewFleetEvent, Severity, Snapshot, TargetStatus } from '../../model';

/** The severity a target reaching `status` deserves: down is critical, anything short of up a warning. */
export const statusSeverity = (status: TargetStatus): Severity => (status === 'down' ? 'critical' : status === 'up' ? 'info' : 'warning');

interface Watched {
  /** Key unique within the snapshot. */
  key: string;
  targetId: string;
  subject: string | null;
  label: string;
  status: TargetStatus;
  /** False before the target's first poll: its `unknown` is "not looked yet", not a state to report. */
  polled: boolean;
  message: string | null;
}

/** Every target with a status, flattened: primaries and their nodes, farms and their nodes, storage sources and their volumes. */
function watched(s: Snapshot): Map<string, Watched> {
  const out = new Map<string, Watched>();
  const add = (w: Watched): void => void out.set(w.key, w);
  for (const p of s.primaries) {
    const polled = p.lastPollAt !== null;
    add({ key: `p:${p.id}`, targetId: p.id, subject: null, label: p.name, status: p.status, polled, message: p.statusMessage });
    for (const n of p.nodes) {
      add({ key: `p:${p.id}:${n.name}`, targetId: p.id, subject: n.name, label: `${n.name} of ${p.name}`, status: n.status, polled, message: n.message });
    }
  }
  for (const f of s.mirrorFarms) {
    const polled = f.lastPollAt !== null;
    add({ key: `f:${f.id}`, targetId: f.id, subject: null, label: f.name, status: f.status, polled, message: f.statusMessage });
    for (const n of f.nodes) {
      add({ key: `f:${f.id}:${n.name}`, targetId: f.id, subject: n.name, label: `${n.name} of ${f.name}`, status: n.status, polled, message: n.message });
    }
  }
  for (const src of s.storage) {
    const polled = src.lastPollAt !== null;
    add({ key: `s:${src.id}`, targetId: src.id, subject: null, label: src.name, status: src.status, polled, message: src.statusMessage });
    for (const v of src.volumes) {
      add({
        key: `s:${src.id}:${v.name}`,
        targetId: src.id,
        subject: v.name,
        label: `Volume ${v.name} of ${src.name}`,
        status: v.status,
        polled,
        message: v.verdictReason,
      });
    }
  }
  return out;
}

/** A status event for every target whose status changed between two snapshots (after its first poll). */
export function statusEvents(prev: Snapshot, next: Snapshot): NewFleetEvent[] {
  const before = watched(prev);
  const events: NewFleetEvent[] = [];
  for (const [key, now] of watched(next)) {
    const was = before.get(key);
    if (!was || was.status === now.status || !was.polled || !now.polled) continue;
    events.push(statusChangeEvent(next.generatedAt, now, was.status));
  }
  return events;
}

/** One target's status change, e.g. "bb-node-2 of Production EU: up → down — Connection refused". */
export function statusChangeEvent(
  at: number,
  now: { targetId: string; subject: string | null; label: string; status: TargetStatus; message: string | null },
  was: TargetStatus,
): NewFleetEvent {
  const why = now.status !== 'up' && now.message ? ` — ${now.message}` : '';
  return {
    at,
    kind: 'status',
    severity: statusSeverity(now.status),
    targetId: now.targetId,
    subject: now.subject,
    text: `${now.label}: ${was} → ${now.status}${why}`,
    demo: false,
  };
}

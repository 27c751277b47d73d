import type { AuditEntry, MirrorRepoCounts, NewFleetEvent, Primary, Snapshot } from '../../model';
import { formatTtl } from '../cache-units';

/** Admin actions seen in the audit log around a change, to say who made it. */
export interface ChangeContext {
  /** Audit entries of recent actions (begun before the snapshot, not long ago), newest first. */
  recentActions: readonly AuditEntry[];
}

const CACHES = [
  { key: 'refs', label: 'ref advertisement cache', wire: 'refs' },
  { key: 'uploadPack', label: 'clone (upload-pack) cache', wire: 'upload-pack' },
] as const;

const byAdmin = (ctx: ChangeContext, action: string, primaryId: string): AuditEntry | undefined =>
  ctx.recentActions.find((a) => a.action === action && a.targetId === primaryId && a.outcome !== 'failed');

const who = (entry: AuditEntry | undefined): string => (entry ? `by admin ${entry.actor}` : 'outside Fleetscope');

/** The SCM cache switched on or off (by an admin, or by its disk guard) and TTL changes, per primary. */
export function cacheEvents(prev: Snapshot, next: Snapshot, ctx: ChangeContext): NewFleetEvent[] {
  const before = new Map(prev.primaries.map((p) => [p.id, p]));
  const events: NewFleetEvent[] = [];
  const push = (p: Primary, e: Pick<NewFleetEvent, 'kind' | 'severity' | 'subject' | 'text'>): void =>
    void events.push({ at: next.generatedAt, targetId: p.id, demo: false, ...e });
  for (const p of next.primaries) {
    const was = before.get(p.id)?.cache;
    const now = p.cache;
    if (!was || !now) continue;
    if (was.diskGuardTripped === false && now.diskGuardTripped === true) events.push(diskGuardEvent(p, true, next.generatedAt));
    else if (was.diskGuardTripped === true && now.diskGuardTripped === false) events.push(diskGuardEvent(p, false, next.generatedAt));
    for (const c of CACHES) {
      const a = was.config[c.key];
      const b = now.config[c.key];
      if (a.enabled !== null && b.enabled !== null && a.enabled !== b.enabled) {
        const text = `${p.name}: ${c.label} switched ${b.enabled ? 'on' : 'off'} ${who(byAdmin(ctx, 'setCacheEnabled', p.id))}`;
        push(p, { kind: 'cache-switched', severity: b.enabled ? 'info' : 'warning', subject: c.wire, text });
      }
      if (a.ttlSeconds !== null && b.ttlSeconds !== null && a.ttlSeconds !== b.ttlSeconds) {
        const text = `${p.name}: ${c.label} TTL ${formatTtl(a.ttlSeconds)} → ${formatTtl(b.ttlSeconds)} ${who(byAdmin(ctx, 'setCacheTtl', p.id))}`;
        push(p, { kind: 'cache-ttl', severity: 'info', subject: c.wire, text });
      }
    }
  }
  return events;
}

/** The SCM cache's disk guard tripped (caching off) or released it. */
export function diskGuardEvent(p: { id: string; name: string }, tripped: boolean, at: number): NewFleetEvent {
  const text = tripped
    ? `${p.name}: SCM caching switched off by the disk guard (free disk below its minimum)`
    : `${p.name}: SCM caching back on (the disk guard released it)`;
  return { at, kind: 'cache-switched', severity: tripped ? 'critical' : 'info', targetId: p.id, subject: null, text, demo: false };
}

/** Mirrors authorized (a pending request became a farm, or a farm appeared) and removed (a farm gone). */
export function mirrorEvents(prev: Snapshot, next: Snapshot): NewFleetEvent[] {
  const before = new Map(prev.mirrorFarms.map((f) => [f.id, f]));
  const after = new Set(next.mirrorFarms.map((f) => f.id));
  const wasPending = new Set(prev.primaries.flatMap((p) => p.pendingMirrorRequests.map((r) => `${p.id}:${r.mirrorId ?? r.id}`)));
  const names = new Map(next.primaries.map((p) => [p.id, p.name]));
  const events: NewFleetEvent[] = [];
  for (const f of next.mirrorFarms) {
    if (before.has(f.id)) continue;
    const how = wasPending.has(`${f.primaryId}:${f.mirrorId}`) ? 'authorized' : 'registered';
    events.push({
      at: next.generatedAt,
      kind: 'mirror-authorized',
      severity: 'info',
      targetId: f.id,
      subject: null,
      text: `Mirror ${f.name} ${how} on ${names.get(f.primaryId) ?? f.primaryId}`,
      demo: false,
    });
  }
  for (const [id, f] of before) {
    if (after.has(id)) continue;
    events.push({
      at: next.generatedAt,
      kind: 'mirror-removed',
      severity: 'warning',
      targetId: id,
      subject: null,
      text: `Mirror ${f.name} removed from ${names.get(f.primaryId) ?? f.primaryId}`,
      demo: false,
    });
  }
  return events;
}

/** The states whose counts say a farm fell behind or recovered; in-sync and syncing churn with every push. */
const WATCHED_SYNC = [
  ['failing', 'failing'],
  ['lagging', 'lagging'],
  ['unknown', 'unknown'],
] as const satisfies ReadonlyArray<readonly [keyof MirrorRepoCounts, string]>;

/** Sync state changes, one event per farm per poll however many repositories changed. */
export function syncEvents(prev: Snapshot, next: Snapshot): NewFleetEvent[] {
  const before = new Map(prev.mirrorFarms.map((f) => [f.id, f.repos]));
  const events: NewFleetEvent[] = [];
  for (const f of next.mirrorFarms) {
    const was = before.get(f.id);
    if (!was) continue;
    const event = syncStateEvent(f, was, next.generatedAt);
    if (event) events.push(event);
  }
  return events;
}

/** A farm's failing, lagging or unknown repositories changed in number; null when none did. */
export function syncStateEvent(f: { id: string; name: string; repos: MirrorRepoCounts }, was: MirrorRepoCounts, at: number): NewFleetEvent | null {
  const changes = WATCHED_SYNC.filter(([k]) => was[k] !== f.repos[k]);
  if (changes.length === 0) return null;
  const worse = changes.some(([k]) => f.repos[k] > was[k]);
  const parts = changes.map(([k, label]) => `${label} ${was[k]} → ${f.repos[k]}`);
  return {
    at,
    kind: 'sync-state',
    severity: !worse ? 'info' : f.repos.failing > 0 ? 'critical' : 'warning',
    targetId: f.id,
    subject: null,
    text: `${f.name}: repositories ${parts.join(', ')}`,
    demo: false,
  };
}

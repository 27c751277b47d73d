import type { Alert, Snapshot } from '../../../shared/model';
import type { UpstreamState } from './upstream-poll';

/**
 * Alerts of the mirrors area; ids start with `mirrors:` and are stable, so the UI can key on them
 * and the Mirrors view can pick its own out of the list.
 */
export function mirrorAlerts(snapshot: Snapshot, upstreams: ReadonlyMap<string, UpstreamState>): Alert[] {
  const alerts: Alert[] = [];
  for (const f of snapshot.mirrorFarms) {
    const since = f.lastSuccessAt ?? f.lastPollAt ?? snapshot.generatedAt;
    const kind = f.mirrorType === 'SINGLE' ? 'Mirror' : 'Mirror farm';
    if (f.status === 'down') {
      alerts.push({
        id: `mirrors:${f.id}:down`,
        severity: 'critical',
        targetId: f.id,
        title: `${kind} ${f.name} is down`,
        message: f.statusMessage ?? 'Not reachable',
        since,
      });
    } else if (f.status === 'degraded') {
      alerts.push({
        id: `mirrors:${f.id}:degraded`,
        severity: 'warning',
        targetId: f.id,
        title: `${kind} ${f.name} is degraded`,
        message: f.statusMessage ?? '',
        since,
      });
    } else if (f.status === 'unknown' && f.lastPollAt !== null) {
      alerts.push({
        id: `mirrors:${f.id}:unknown`,
        severity: 'warning',
        targetId: f.id,
        title: `${kind} ${f.name} cannot be checked`,
        message: f.statusMessage ?? '',
        since,
      });
    }
  }
  for (const p of snapshot.primaries) {
    const up = upstreams.get(p.id);
    if (!up) continue;
    if (up.availability === 'unavailable') {
      alerts.push({
        id: `mirrors:${p.id}:unavailable`,
        severity: 'info',
        targetId: p.id,
        title: `Mirroring unavailable on ${p.name}`,
        message: up.message ?? '',
        since: up.lastPollAt ?? snapshot.generatedAt,
      });
    } else if (up.availability === 'error' && p.status !== 'down') {
      alerts.push({
        id: `mirrors:${p.id}:error`,
        severity: 'warning',
        targetId: p.id,
        title: `Mirrors of ${p.name} cannot be listed`,
        message: up.message ?? '',
        since: up.lastSuccessAt ?? up.lastPollAt ?? snapshot.generatedAt,
      });
    }
    for (const r of p.pendingMirrorRequests) {
      alerts.push({
        id: `mirrors:${p.id}:request:${r.id}`,
        severity: 'info',
        targetId: p.id,
        title: `Mirror ${r.name} is waiting for authorization`,
        message: `Mirror ${r.name}${r.baseUrl ? ` (${r.baseUrl})` : ''} asked ${p.name} to be authorized; authorize or reject it in the Mirrors view.`,
        since: up.lastPollAt ?? snapshot.generatedAt,
      });
    }
  }
  return alerts;
}

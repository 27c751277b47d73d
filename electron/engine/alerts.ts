import type { Alert, Primary } from '../../shared/model';

const DATASET_LABEL = { version: 'version', nodes: 'cluster nodes', inventory: 'repository inventory' } as const;

/** Alerts derived from the current state of every target; ids are stable so the UI can key on them. */
export function primaryAlerts(primaries: readonly Primary[]): Alert[] {
  const alerts: Alert[] = [];
  for (const p of primaries) {
    const since = p.lastSuccessAt ?? p.lastPollAt ?? 0;
    if (p.status === 'down') {
      alerts.push({ id: `${p.id}:down`, severity: 'critical', targetId: p.id, title: `${p.name} is down`, message: p.statusMessage ?? 'Not reachable', since });
    } else if (p.status === 'degraded') {
      alerts.push({ id: `${p.id}:degraded`, severity: 'warning', targetId: p.id, title: `${p.name} is degraded`, message: p.statusMessage ?? '', since });
    } else if (p.status === 'unknown' && p.lastPollAt !== null) {
      alerts.push({ id: `${p.id}:unknown`, severity: 'warning', targetId: p.id, title: `${p.name} cannot be checked`, message: p.statusMessage ?? '', since });
    }
    if (p.datasets.nodes.state === 'not-permitted') {
      // Least privilege is the recommended setup: say what is not shown and how to show it, no more.
      alerts.push({
        id: `${p.id}:cluster-membership`,
        severity: 'info',
        targetId: p.id,
        title: `${p.name}: cluster membership not shown with a read-only credential`,
        message: p.datasets.nodes.message ?? '',
        since: p.datasets.nodes.lastAttemptAt ?? since,
      });
    }
    if (p.stale) {
      alerts.push({
        id: `${p.id}:stale`,
        severity: 'warning',
        targetId: p.id,
        title: `${p.name}: data is stale`,
        message: `Not read within its schedule: ${(['version', 'nodes', 'inventory'] as const)
          .filter((d) => p.datasets[d].stale)
          .map((d) => DATASET_LABEL[d])
          .join(', ')}. The figures shown are from the last successful read.`,
        since,
      });
    }
  }
  return alerts;
}

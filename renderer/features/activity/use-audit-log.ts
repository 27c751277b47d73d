import type { AuditEntry } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';
import { useFleetStore } from '../../state/fleet.store';

/**
 * The audit log, newest first, read again whenever a new snapshot arrives: every action ends in
 * a re-poll, so its entry is there by then.
 */
export function useAuditLog(limit = 1000): BridgeQuery<AuditEntry[]> {
  const generatedAt = useFleetStore((s) => s.snapshot?.generatedAt ?? 0);
  return useBridgeQuery({
    key: ['getAuditLog', limit],
    refreshOn: [generatedAt],
    what: 'the audit log',
    read: (bridge) => bridge.getAuditLog({ limit }).then((r) => r.entries),
  });
}

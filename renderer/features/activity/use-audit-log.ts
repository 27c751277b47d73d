import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useFleetStore } from '../../state/fleet.store';

/**
 * The audit log, newest first, read again whenever a new snapshot arrives: every action ends in
 * a re-poll, so its entry is there by then.
 */
export function useAuditLog(limit = 1000): { entries: AuditEntry[] | null; error: string | null } {
  const bridge = useBridge();
  const generatedAt = useFleetStore((s) => s.snapshot?.generatedAt ?? 0);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    bridge.getAuditLog({ limit }).then(
      (r) => {
        if (!live) return;
        setEntries(r.entries);
        setError(null);
      },
      (err: unknown) => live && setError(`Could not read the audit log: ${(err as Error).message}`),
    );
    return () => {
      live = false;
    };
  }, [bridge, limit, generatedAt]);
  return { entries, error };
}

import type { AuditEntry } from '../../shared/model';
import type { AuditLog } from '../engine/audit/audit-log';

/** The audit log as every area sees it: each completed admin action also becomes an event, whichever area ran it. */
export function recordedAudit(file: AuditLog, onFinished: (entry: AuditEntry) => void): AuditLog {
  return {
    begin: (entry, at) => file.begin(entry, at),
    finish: (id, outcome, detail, at) => {
      const entry = file.finish(id, outcome, detail, at);
      onFinished(entry);
      return entry;
    },
    list: (o) => file.list(o),
    close: () => file.close(),
  };
}

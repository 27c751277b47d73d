import { formatTimestamp } from '../../../shared/logic/units';
import { useMemo } from 'react';
import { toCsv } from '../../../shared/logic/csv';
import { AUDIT_COLUMNS, auditRows } from '../../../shared/logic/export-rows';
import type { AuditEntry } from '../../../shared/model';
import { downloadText } from '../../components/download';
import { QueryStatus } from '../../components/query-status';
import { useRouteState } from '../../routing/route-store';
import { useAuditLog } from './use-audit-log';
import { ReportButtons } from '../report/report-buttons';

const matches = (e: AuditEntry, q: string): boolean =>
  [e.action, e.actor, e.credential ?? '', e.target, e.targetId, e.summary, e.outcome, e.detail ?? ''].some((f) => f.toLowerCase().includes(q));

/** Every admin action Fleetscope ran: who, what, on which target, the result and when; exportable. */
export const ActivityView = () => {
  const log = useAuditLog();
  const entries = log.data;
  // In the route like every table's filter: a reload or a copied link shows the same rows.
  const [query, setQuery] = useRouteState('q', '');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (entries ?? []).filter((e) => q === '' || matches(e, q));
  }, [entries, query]);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return (
    <section className="activity" aria-labelledby="activity-title">
      <h2 id="activity-title" className="section-title">
        Activity <span className="count">{entries?.length ?? 0}</span>
      </h2>
      <ReportButtons />
      <div className="toolbar">
        <input
          type="search"
          className="input activity__filter"
          placeholder="Filter by action, target, person, result…"
          aria-label="Filter the activity"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="button"
          data-testid="export-csv"
          disabled={shown.length === 0}
          onClick={() => downloadText(`fleetscope-audit-${stamp}.csv`, toCsv(auditRows(shown), AUDIT_COLUMNS), 'text/csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="button"
          data-testid="export-json"
          disabled={shown.length === 0}
          onClick={() => downloadText(`fleetscope-audit-${stamp}.json`, `${JSON.stringify(auditRows(shown), null, 2)}\n`, 'application/json')}
        >
          Export JSON
        </button>
      </div>
      <QueryStatus query={log} />
      {entries !== null && entries.length === 0 && (
        <div className="empty-state" data-testid="activity-empty">
          <p>No admin actions yet. Clearing a cache, changing a TTL or authorizing a mirror is recorded here, before and after it runs.</p>
        </div>
      )}
      {shown.length > 0 && (
        <table className="table activity__table" data-testid="activity-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">What</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} data-testid="activity-row" data-action={e.action} data-outcome={e.outcome} data-target-id={e.targetId}>
                <td className="mono nowrap">{formatTimestamp(e.startedAt)}</td>
                <td>
                  {e.actor}
                  {e.credential && <div className="muted">as {e.credential}</div>}
                </td>
                <td className="mono">{e.action}</td>
                <td>{e.target}</td>
                <td>{e.summary}</td>
                <td>
                  <span className={`tag tag--outcome-${e.outcome}`}>{e.outcome}</span>
                  {e.detail && <div className="muted">{e.detail}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};

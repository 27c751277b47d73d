import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FLEET_EVENT_KINDS, type FleetEvent, type FleetEventKind, type Severity } from '../../../shared/model';
import { formatCount } from '../../../shared/logic/units';
import { QueryStatus } from '../../components/query-status';
import { useTimeRange } from '../../components/time-range/use-time-range';
import { useRouteState } from '../../routing/route-store';
import { selectTargetNames, useFleetStore } from '../../state/fleet.store';
import { EventList } from './event-list';
import { FleetSeries } from './fleet-series';
import { useTimelineEvents } from './use-timeline-events';

const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];
const KIND_LABELS: Record<FleetEventKind, string> = {
  status: 'Status changes',
  'finding-raised': 'Findings raised',
  'finding-cleared': 'Findings cleared',
  'alert-opened': 'Alerts opened',
  'alert-resolved': 'Alerts resolved',
  'cache-switched': 'Cache switched on/off',
  'cache-ttl': 'Cache TTL changes',
  'mirror-authorized': 'Mirrors authorized',
  'mirror-removed': 'Mirrors removed',
  'sync-state': 'Sync state changes',
  'admin-action': 'Admin actions',
  'demo-fault': 'Demo faults',
  probe: 'Clone doctor probes',
  'log-analysis': 'Access log analyses',
};
const NONE: FleetEvent[] = [];
const isKind = (k: string): k is FleetEventKind => (FLEET_EVENT_KINDS as readonly string[]).includes(k);
const isSeverity = (s: string): s is Severity => (SEVERITIES as readonly string[]).includes(s);

/**
 * What changed when, for the whole fleet: the events of the shared time range (filters in the
 * route) above the fleet's key series stacked on one time axis, each marked with those events.
 */
export const TimelineView = () => {
  const names = useFleetStore(useShallow(selectTargetNames));
  const generatedAt = useFleetStore((s) => s.snapshot?.generatedAt ?? null);
  const [target, setTarget] = useRouteState('target', '');
  const [kind, setKind] = useRouteState('kind', '');
  const [severity, setSeverity] = useRouteState('severity', '');
  // The list and the charts render in the background (React yields to input every few ms): the
  // click that opens the Timeline, a zoom (a new range), a filter and each answer cost short
  // tasks, not one long one; the time picker and the filters answer at once.
  const shown = useDeferredValue(true, false);
  const range = useDeferredValue(useTimeRange());
  const filters = useDeferredValue(
    useMemo(() => ({ target: target || null, kind: isKind(kind) ? kind : null, severity: isSeverity(severity) ? severity : null }), [target, kind, severity]),
  );
  const { query, more } = useTimelineEvents(range, filters, generatedAt);
  const events = useDeferredValue(query.data?.events ?? NONE);
  return (
    <section className="timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title" className="section-title">
        Timeline <span className="count">{formatCount(events.length)}</span>
      </h2>
      <p className="muted small">
        Every change the engine recorded in the time range above, newest first; the fleet’s key series below on the same time axis, marked with these events.
        Drag on a chart to zoom; Back returns.
      </p>
      <div className="toolbar" role="group" aria-label="Filter the events">
        <label>
          Target{' '}
          <select className="input" value={target} onChange={(e) => setTarget(e.target.value)} data-testid="timeline-filter-target">
            <option value="">All targets</option>
            {Object.entries(names).map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind{' '}
          <select className="input" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="timeline-filter-kind">
            <option value="">All kinds</option>
            {FLEET_EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Severity{' '}
          <select className="input" value={severity} onChange={(e) => setSeverity(e.target.value)} data-testid="timeline-filter-severity">
            <option value="">All severities</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryStatus query={query} />
      {query.data && events.length === 0 && (
        <p className="muted small" data-testid="timeline-empty">
          No events in this range{filters.target || filters.kind || filters.severity ? ' match the filters' : ''}: widen the time range above or clear a filter.
        </p>
      )}
      {shown && events.length > 0 && <EventList events={events} />}
      {more && (
        <p className="small">
          Newest {formatCount(events.length)} shown.{' '}
          <button type="button" className="button button--small" onClick={more} data-testid="timeline-more">
            Show older
          </button>
        </p>
      )}
      {shown && <FleetSeries range={range} filters={filters} refreshOn={generatedAt} />}
    </section>
  );
};

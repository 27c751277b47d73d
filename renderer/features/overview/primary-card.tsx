import { memo, useCallback } from 'react';
import type { Primary, TargetError } from '../../../shared/model';
import { countNodesUp } from '../../../shared/logic/nodes';
import { formatOptionalDuration } from '../../../shared/logic/units';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status';
import { selectPrimary, useFleetStore, type FleetState } from '../../state/fleet.store';
import { useRouteTarget } from '../../routing/use-route-target';
import { NodeTable } from './node-table';
import { PrimaryHistory } from './primary-history';
import { RepoCounts } from './repo-counts';

const PrimaryError = ({ error }: { error: TargetError }) => (
  <div className="card__error" data-testid="primary-error" data-code={error.code}>
    <span className="error-code">{error.code}</span>
    <span>
      {error.message}
      {error.httpStatus !== null && ` (HTTP ${error.httpStatus})`}
    </span>
  </div>
);

const StaleMarker = () => (
  <span className="tag tag--stale" data-testid="stale-marker" title="No successful poll for over two intervals; the data below is the last good data.">
    Stale
  </span>
);

/** The status message without the parts that only repeat the error shown below it: each fact once. */
function statusLine(primary: Primary): string | null {
  const { statusMessage, lastError } = primary;
  if (!statusMessage || !lastError) return statusMessage;
  const rest = statusMessage.split(' · ').filter((part) => !part.includes(lastError.message));
  return rest.length > 0 ? rest.join(' · ') : null;
}

/** One primary: status, nodes, repositories, poll timing and what went wrong. */
export const PrimaryCard = memo(function PrimaryCard({ id }: { id: string }) {
  const primary = useFleetStore(useCallback((s: FleetState) => selectPrimary(id)(s), [id]));
  const { selected, ref } = useRouteTarget<HTMLElement>((r) => r.view === 'overview' && r.params.primary === id);
  if (!primary) return null;
  const headingId = `primary-${id}-name`;
  return (
    <article
      ref={ref}
      className={`card primary-card primary-card--${primary.status}${primary.stale ? ' is-stale' : ''}${selected ? ' is-selected' : ''}`}
      data-selected={selected || undefined}
      data-testid="primary-card"
      data-primary-id={primary.id}
      data-status={primary.status}
      aria-labelledby={headingId}
    >
      <header className="card__header">
        <div className="card__title">
          <h3 id={headingId}>{primary.name}</h3>
          <span className="card__url mono" title={primary.displayName ?? primary.baseUrl}>
            {primary.baseUrl}
          </span>
        </div>
        {primary.stale && <StaleMarker />}
        <StatusBadge status={primary.status} testId="primary-status" />
      </header>
      {statusLine(primary) && <p className="card__status-message">{statusLine(primary)}</p>}
      {primary.lastError && <PrimaryError error={primary.lastError} />}
      <div className="card__body">
        <dl className="facts">
          <div>
            <dt>Version</dt>
            <dd className="mono" data-testid="primary-version" title={primary.buildNumber ? `Build ${primary.buildNumber}` : undefined}>
              {primary.version ?? '—'}
            </dd>
          </div>
          <div>
            <dt>Nodes up</dt>
            <dd className="num">
              {countNodesUp(primary.nodes)} / {primary.nodes.length}
            </dd>
          </div>
          <div>
            <dt>Last poll</dt>
            <dd className="num">
              <RelativeTime at={primary.lastPollAt} testId="last-poll" />
            </dd>
          </div>
          <div>
            <dt>Poll took</dt>
            <dd className="num" data-testid="poll-duration">
              {formatOptionalDuration(primary.pollDurationMs)}
            </dd>
          </div>
          <div>
            <dt>Last success</dt>
            <dd className="num">
              <RelativeTime at={primary.lastSuccessAt} testId="last-success" />
            </dd>
          </div>
        </dl>
        <NodeTable nodes={primary.nodes} />
        <RepoCounts counts={primary.repositories} />
        <PrimaryHistory primaryId={primary.id} polledAt={primary.lastPollAt} />
      </div>
    </article>
  );
});

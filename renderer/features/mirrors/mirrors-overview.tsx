import { memo, useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../../../shared/logic/units';
import { StatusBadge } from '../../components/status';
import { useFleetStore, type FleetState } from '../../state/fleet.store';
import { uiActions } from '../../state/ui.store';
import { formatLag } from './farm-parts';
import { selectFarm, selectFarmIds, selectPendingCount, selectPrimaryName } from './mirrors-selectors';

/** One farm's health in a line: status, nodes, repositories in sync, problems, lag. */
const FarmHealth = memo(function FarmHealth({ id }: { id: string }) {
  const farm = useFleetStore(useCallback((s: FleetState) => selectFarm(id)(s), [id]));
  const primaryId = farm?.primaryId ?? '';
  const primaryName = useFleetStore(useCallback((s: FleetState) => selectPrimaryName(primaryId)(s), [primaryId]));
  if (!farm) return null;
  const { repos } = farm;
  const mirrored = repos.inSync + repos.syncing + repos.lagging + repos.failing + repos.unknown;
  const problems = [
    repos.failing > 0 ? `${formatCount(repos.failing)} failing` : null,
    repos.lagging > 0 ? `${formatCount(repos.lagging)} lagging` : null,
    repos.unknown > 0 ? `${formatCount(repos.unknown)} unknown` : null,
  ].filter(Boolean);
  return (
    <li className={`farm-health farm-health--${farm.status}`} data-testid="farm-health" data-farm-id={farm.id} data-status={farm.status}>
      <StatusBadge status={farm.status} />
      <span className="farm-health__name">{farm.name}</span>
      <span className="muted small">{primaryName}</span>
      <span className="num small">
        {farm.nodes.filter((n) => n.status === 'up').length}/{farm.nodes.length} nodes
      </span>
      <span className="num small" data-testid="farm-health-sync">
        {formatCount(repos.inSync)} of {formatCount(mirrored)} in sync
      </span>
      {problems.length > 0 && <span className="farm-health__problems small">{problems.join(' · ')}</span>}
      <span className="muted small">lag {formatLag(farm.lagSeconds)}</span>
    </li>
  );
});

/** The mirror farms on the Overview: each farm's health, and a badge for mirrors waiting for authorization. */
export const MirrorsOverview = () => {
  const ids = useFleetStore(useShallow(selectFarmIds));
  const pending = useFleetStore(selectPendingCount);
  if (ids.length === 0 && pending === 0) return null;
  return (
    <section className="panel mirrors-overview" aria-labelledby="mirrors-overview-title" data-testid="mirrors-overview">
      <h2 id="mirrors-overview-title" className="section-title">
        Mirror farms <span className="count">{ids.length}</span>
        {pending > 0 && (
          <button type="button" className="pending-badge" data-testid="pending-badge" data-count={pending} onClick={() => uiActions.showView('mirrors')}>
            {pending} waiting for authorization
          </button>
        )}
      </h2>
      <ul className="farm-health-list">
        {ids.map((id) => (
          <FarmHealth key={id} id={id} />
        ))}
      </ul>
    </section>
  );
};

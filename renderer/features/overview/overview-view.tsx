import { useShallow } from 'zustand/react/shallow';
import { useStagedReveal } from '../../components/use-staged-reveal';
import { selectPrimaryIds, selectStatusCounts, useFleetStore } from '../../state/fleet.store';
import { CachesOverview } from '../caches/caches-overview';
import { MirrorsOverview } from '../mirrors/mirrors-overview';
import { StorageOverview } from '../storage/storage-overview';
import { AlertsList } from './alerts-list';
import { OverviewCharts } from './overview-charts';
import { PrimaryCard } from './primary-card';

const Summary = () => {
  const counts = useFleetStore(useShallow(selectStatusCounts));
  const parts = (['down', 'degraded', 'unknown', 'up'] as const).filter((k) => counts[k] > 0);
  return (
    <span className="summary">
      {parts.map((k) => (
        <span key={k} className={`summary__item summary__item--${k}`}>
          {counts[k]} {k}
        </span>
      ))}
    </span>
  );
};

const EmptyState = () => (
  <div className="empty-state" data-testid="empty-state">
    <h3>No primaries configured</h3>
    <p>
      Add primaries to the fleet config and start <code>fleetscope serve --config FILE</code>, or start with <code>--demo</code> to explore the simulated fleet.
    </p>
  </div>
);

/**
 * Primary cards mounted per stage. Four (the first screen at once) made the first frame's style,
 * layout and paint (600–800 dirty layout objects with the alerts) the longest task opening the
 * Overview at 10 × 50k, 45–56 ms of CPU at 2× (CDP trace, 4 December); two a stage lay out ≈ 300.
 */
const CARDS_PER_STAGE = 2;
/** The sections under the cards, one stage each, in page order. */
const LOWER = [
  ['charts', OverviewCharts],
  ['caches', CachesOverview],
  ['mirrors', MirrorsOverview],
  ['storage', StorageOverview],
] as const;

/**
 * The fleet at a glance: alerts, one card per primary, the key series over time, then each area.
 * Mounted in stages, top first, one per painted frame (use-staged-reveal.ts).
 */
export const OverviewView = () => {
  const ids = useFleetStore(useShallow(selectPrimaryIds));
  const cardStages = Math.max(1, Math.ceil(ids.length / CARDS_PER_STAGE));
  const shown = useStagedReveal(cardStages + LOWER.length);
  const lower = LOWER.slice(0, Math.max(0, shown - cardStages)).filter(([name]) => name !== 'charts' || ids.length > 0);
  return (
    <div className="overview">
      <div className="overview__main">
        <AlertsList />
        <section aria-labelledby="primaries-title">
          <h2 id="primaries-title" className="section-title">
            Primaries <span className="count">{ids.length}</span>
            <Summary />
          </h2>
          {ids.length === 0 ? (
            <EmptyState />
          ) : (
            <div className="card-grid">
              {ids.slice(0, shown * CARDS_PER_STAGE).map((id) => (
                <PrimaryCard key={id} id={id} />
              ))}
            </div>
          )}
        </section>
        {lower.map(([name, Part]) => (
          <Part key={name} />
        ))}
      </div>
    </div>
  );
};

import type { RepositoryCounts } from '../../../shared/model';
import { formatCount } from '../../../shared/logic/units';

type Tile = { key: keyof RepositoryCounts; label: string; tone?: 'warning' | 'critical' };

const TILES: readonly Tile[] = [
  { key: 'total', label: 'Total' },
  { key: 'available', label: 'Available' },
  { key: 'initialising', label: 'Initialising', tone: 'warning' },
  { key: 'initialisationFailed', label: 'Failed', tone: 'critical' },
  { key: 'offline', label: 'Offline', tone: 'warning' },
  { key: 'archived', label: 'Archived' },
  { key: 'projects', label: 'Projects' },
];

/** Repository inventory by state; problem counts take their tone only when non-zero. */
export const RepoCounts = ({ counts }: { counts: RepositoryCounts | null }) => (
  <dl className="repo-counts" aria-label="Repositories">
    {TILES.map(({ key, label, tone }) => {
      const value = counts?.[key] ?? null;
      const toned = tone && value !== null && value > 0 ? ` repo-counts__tile--${tone}` : '';
      return (
        <div key={key} className={`repo-counts__tile${toned}`}>
          <dt>{label}</dt>
          <dd className="num" data-testid={key === 'total' ? 'repo-total' : `repo-${key}`} {...(value === null ? {} : { 'data-value': value })}>
            {value === null ? '—' : formatCount(value)}
          </dd>
        </div>
      );
    })}
  </dl>
);

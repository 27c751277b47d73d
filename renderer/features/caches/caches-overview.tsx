import { useShallow } from 'zustand/react/shallow';
import { formatBytes } from '../../../shared/logic/units';
import type { FleetState } from '../../state/fleet.store';
import { useFleetStore } from '../../state/fleet.store';
import { uiActions } from '../../state/ui.store';
import { RECENT_RATIO_LABEL, recentRatioText } from './hit-ratio-figures';

const SEP = '\u0000';
/** One flat string per primary with a polled cache, so useShallow compares by value. */
const selectCacheLines = (s: FleetState): string[] =>
  (s.snapshot?.primaries ?? []).flatMap((p) =>
    p.cache
      ? [[p.id, p.name, p.cache.status, recentRatioText(p.cache.recent), formatBytes(p.cache.totals.size), p.cache.diskGuardTripped ? '1' : ''].join(SEP)]
      : [],
  );

/** The Caches section of the Overview: per primary, the hit ratio of the last 15 minutes, the cached size and a tripped disk guard. */
export const CachesOverview = () => {
  const lines = useFleetStore(useShallow(selectCacheLines));
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="caches-overview-title" data-testid="caches-overview">
      <h2 id="caches-overview-title" className="section-title">
        SCM caches
      </h2>
      <ul className="panel caches-overview">
        {lines.map((line) => {
          const [id = '', name = '', status = 'unknown', ratio = '—', size = '—', guard = ''] = line.split(SEP);
          return (
            <li key={id} data-testid="caches-overview-line" data-primary-id={id} data-status={status}>
              <button type="button" className="cache-link" onClick={() => uiActions.showCaches(id)}>
                {name}
              </button>
              <span className="num" data-testid="caches-overview-ratio">
                {RECENT_RATIO_LABEL.toLowerCase()}: {ratio}
              </span>
              <span className="num">{size} cached</span>
              {guard && <span className="tag cache-tag-critical">caching off: disk guard</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
};

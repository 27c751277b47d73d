import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { setRouteParams, useRouteState } from '../../routing/route-store';
import { selectPrimary, selectPrimaryIds, useFleetStore, type FleetState } from '../../state/fleet.store';
import { CacheConfigPanel } from './cache-config-panel';
import { CacheRepoTable } from './cache-repo-table';
import { CacheOddities, CacheStatusLine, CacheTotals, DiskGuardBanner } from './cache-summary';
import { HitRateSection } from './hit-rate-section';
import type { ActionResult } from '../../../shared/model';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { useStagedReveal } from '../../components/use-staged-reveal';

const SEP = '\u0000';
/** Id, name and cache status of every primary as flat strings, so useShallow sees equal arrays as equal. */
const selectPrimaryTabs = (s: FleetState): string[] => s.snapshot?.primaries.map((p) => [p.id, p.name, p.cache?.status ?? 'unknown'].join(SEP)) ?? [];

/** The SCM cache of one primary: status, disk guard, totals, hit-rate chart, configuration, repositories. */
const PrimaryCaches = ({ id }: { id: string }) => {
  const primary = useFleetStore(useCallback((s: FleetState) => selectPrimary(id)(s), [id]));
  const { ask, dialog, lastDone } = useConfirmedAction<ActionResult>();
  // Top first, one part per painted frame: the summary, then the chart and configuration, then
  // the table, so the view's first style, layout and paint is not all of it in one task.
  const shown = useStagedReveal(3);
  if (!primary) return null;
  const cache = primary.cache;
  if (!cache) {
    return (
      <p className="muted" data-testid="cache-waiting">
        Waiting for the first read of {primary.name}&apos;s SCM cache…
      </p>
    );
  }
  return (
    <div className="caches-primary" data-testid="caches-primary" data-primary-id={primary.id}>
      <CacheStatusLine cache={cache} />
      <DiskGuardBanner cache={cache} />
      {lastDone && (
        <p className="banner cache-done" role="status" data-testid="cache-action-done" data-audit-id={lastDone.auditId}>
          {lastDone.text} Recorded in the Activity log.
        </p>
      )}
      <CacheOddities cache={cache} />
      <CacheTotals primary={primary} cache={cache} />
      {shown >= 2 && (
        <div className="caches-grid">
          <HitRateSection primaryId={primary.id} polledAt={cache.polledAt} />
          <CacheConfigPanel primary={primary} cache={cache} ask={ask} />
        </div>
      )}
      {shown >= 3 && <CacheRepoTable primary={primary} cache={cache} ask={ask} />}
      {dialog}
    </div>
  );
};

/** The Caches view: Bitbucket has no UI for its SCM cache; this is it, per primary. */
export const CachesView = () => {
  const ids = useFleetStore(useShallow(selectPrimaryIds));
  const tabs = useFleetStore(useShallow(selectPrimaryTabs)).map((t) => {
    const [id = '', name = '', cacheStatus = 'unknown'] = t.split(SEP);
    return { id, name, cacheStatus };
  });
  const [chosen] = useRouteState('primary', '');
  const current = chosen !== '' && ids.includes(chosen) ? chosen : (ids[0] ?? null);
  return (
    <section className="caches" aria-labelledby="caches-title">
      <h2 id="caches-title" className="section-title">
        SCM caches
      </h2>
      {ids.length === 0 && <p className="muted">No primaries configured.</p>}
      {tabs.length > 1 && (
        <div className="cache-seg caches__tabs" role="tablist" aria-label="Primary">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={t.id === current}
              className={`cache-seg__item${t.id === current ? ' is-active' : ''}`}
              data-testid="cache-primary-tab"
              data-primary-id={t.id}
              data-status={t.cacheStatus}
              onClick={() => setRouteParams({ primary: t.id, q: null, sort: null, dir: null })}
            >
              {t.name}
            </button>
          ))}
        </div>
      )}
      {current !== null && <PrimaryCaches key={current} id={current} />}
    </section>
  );
};

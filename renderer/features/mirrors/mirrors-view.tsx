import { useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import { useStagedReveal } from '../../components/use-staged-reveal';
import { viewRoute } from '../../../shared/logic/route';
import { navigate, setRouteParams, useRouteParam } from '../../routing/route-store';
import { useShallow } from 'zustand/react/shallow';
import type { RepoSyncState } from '../../../shared/model';
import { useFleetStore } from '../../state/fleet.store';
import { FarmCard } from './farm-card';
import { selectFarmIds, selectMirroringNotes } from './mirrors-selectors';
import { PendingRequests } from './pending-requests';
import { RepoTable } from './repo-table';
import { isSyncState } from './sync-states';

/** Mirroring notes about primaries: unavailable there, or the mirror list failing. */
const MirroringNotes = () => {
  const notes = useFleetStore(useShallow(selectMirroringNotes));
  if (notes.length === 0) return null;
  return (
    <ul className="mirroring-notes">
      {notes.map((n) => (
        <li key={n.id} className={`alert alert--${n.severity}`} data-testid="mirroring-note" data-target-id={n.targetId}>
          <span className={`severity severity--${n.severity}`}>{n.severity}</span>
          <span className="alert__title">{n.title}</span>
          <span className="alert__message">{n.message}</span>
        </li>
      ))}
    </ul>
  );
};

/**
 * Farm cards mounted per painted frame. Thirty cards with their charts in one render made opening
 * the view one task of about 500 ms at 10 × 50k; four cards a task (not a frame) still let several
 * tasks run before one frame, whose style, layout and paint of 8 cards (1,104 dirty layout
 * objects) was the longest task, 53 ms of CPU at 2× (CDP trace, 4 December). Two a frame (282
 * layout objects) cost 19–33 ms of CPU a frame, up to 68 when two stages met in one frame; one a
 * frame (145 objects) 13–23, at most 36 (traces of 4 December, afternoon). `content-visibility:
 * auto` on the cards does not help: Chromium lays each new card out once to learn it is off screen.
 */
const CARDS_PER_STAGE = 1;

/**
 * The Mirrors view: mirrors waiting for authorization, every farm with its nodes, sync summary,
 * initial sync, lag and projects, and the per-repository table of the farm picked.
 */
export const MirrorsView = () => {
  const ids = useFleetStore(useShallow(selectFarmIds));
  const farmParam = useRouteParam('farm');
  const stateParam = useRouteParam('state');
  // The farm picked and the state filter live in the route: a reload or a copied link keeps them.
  const table = farmParam && ids.includes(farmParam) ? { farmId: farmParam, state: stateParam && isSyncState(stateParam) ? stateParam : null } : null;
  const setTable = useCallback(
    (next: { farmId: string; state: RepoSyncState | null } | null): void => {
      if (next === null) setRouteParams({ farm: null, state: null, q: null, node: null });
      else if (next.farmId !== farmParam) navigate(viewRoute('mirrors', { farm: next.farmId, ...(next.state ? { state: next.state } : {}) }));
      else setRouteParams({ state: next.state });
    },
    [farmParam],
  );
  // One function for every card, so the memoised cards do not re-render when the view does.
  const showRepos = useCallback((farmId: string, state: RepoSyncState | null) => setTable({ farmId, state }), [setTable]);
  const [done, setDone] = useState<string | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const mounted = Math.min(ids.length, useStagedReveal(Math.ceil(ids.length / CARDS_PER_STAGE)) * CARDS_PER_STAGE);
  // The table mounts in a background render (React yields to input every few ms): mounted in the
  // render of the click that asked for it, it made that click's task, 22 ms of CPU at 2× (CDP trace,
  // 10,000 rows, 6 December 2026).
  const tableFarm = useDeferredValue(table?.farmId ?? null);
  const tableState = useDeferredValue(table?.state ?? null);
  useEffect(() => {
    // jsdom has no scrollIntoView; a real browser brings the table into sight.
    if (tableFarm !== null) tableRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [tableFarm]);
  return (
    <div className="mirrors" data-testid="mirrors-view">
      <h2 className="section-title">
        Mirror farms <span className="count">{ids.length}</span>
      </h2>
      <MirroringNotes />
      {done && (
        <p className="mirror-done" role="status" data-testid="mirror-action-done">
          {done}
        </p>
      )}
      <PendingRequests />
      {ids.length === 0 ? (
        <div className="empty-state" data-testid="mirrors-empty">
          <p>
            No mirror is registered with the watched primaries. Mirrors appear here once a primary lists them; a mirror asking to be authorized shows above.
          </p>
        </div>
      ) : (
        <div className="farm-grid">
          {ids.slice(0, mounted).map((id) => (
            <FarmCard key={id} id={id} onShowRepos={showRepos} onDone={setDone} />
          ))}
        </div>
      )}
      <div ref={tableRef}>
        {tableFarm !== null && (
          <RepoTable farmId={tableFarm} state={tableState} onState={(state) => setTable({ farmId: tableFarm, state })} onClose={() => setTable(null)} />
        )}
      </div>
    </div>
  );
};

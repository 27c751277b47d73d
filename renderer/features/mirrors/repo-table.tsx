import { useVirtualizer } from '@tanstack/react-virtual';
import { observeRectAfterLayout } from '../../components/observe-rect-after-layout';
import { scrollAfterLayout } from '../../components/scroll-after-layout';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { MirrorRepoRow, RepoSyncState } from '../../../shared/model';
import { formatCount } from '../../../shared/logic/units';
import { QueryStatus } from '../../components/query-status';
import { useRouteState } from '../../routing/route-store';
import { useNow } from '../../state/clock';
import { selectFarm } from './mirrors-selectors';
import { useFleetStore, type FleetState } from '../../state/fleet.store';
import { isSyncState, StateTag, STATE_LABEL, STATE_ORDER } from './sync-states';
import { useMirrorRepos, WINDOW } from './use-mirror-repos';
import { RepoDetail } from './repo-detail';
import { age, repoName } from './repo-names';

const ROW_HEIGHT = 34;
const VIEWPORT_HEIGHT = 420;
/** Rows from the fetched window's edge at which the next window is asked for. */
const EDGE = WINDOW / 8;

type Props = { farmId: string; state: RepoSyncState | null; onState(state: RepoSyncState | null): void; onClose(): void };

/**
 * Every repository of one farm with its state on each node: filtered by state and name by the
 * engine, virtualised here (only the visible rows and a few more are mounted), with a per-node
 * detail for the row picked.
 */
export const RepoTable = ({ farmId, state, onState, onClose }: Props) => {
  const farm = useFleetStore(useCallback((s: FleetState) => selectFarm(farmId)(s), [farmId]));
  const [query, setQuery] = useRouteState('q', '');
  const deferredQuery = useDeferredValue(query);
  const [offset, setOffset] = useState(0);
  const repos = useMirrorRepos(farmId, state, deferredQuery, offset, farm?.lastPollAt ?? null);
  const data = repos.data;
  const [picked, setPicked] = useState<MirrorRepoRow | null>(null);
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = data?.total ?? 0;
  const nodes = data?.nodes ?? [];
  // One array while the farm's nodes stay the same, so a refresh or a scroll does not re-render every memoised row.
  const nodeKey = nodes.map((n) => n.name).join('\n');
  const nodeNames = useMemo(() => (nodeKey === '' ? [] : nodeKey.split('\n')), [nodeKey]);
  const rowAt = (i: number): MirrorRepoRow | undefined => (data && i >= data.offset ? data.rows[i - data.offset] : undefined);
  // No React Compiler here; only plain numbers from the virtualizer reach the memoised rows.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 900, height: VIEWPORT_HEIGHT },
    observeElementRect: observeRectAfterLayout,
    scrollToFn: scrollAfterLayout,
    // Scrolling renders in React's own batch, not flushSync inside every scroll event: a
    // synchronous render per wheel tick stacked into long tasks on a slow core.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    // Move the fetched window, centred on what is on screen, before the screen reaches its edge:
    // the last window's rows stay shown while the next loads, so a scroll never shows a gap.
    const nearTop = offset > 0 && first < offset + EDGE;
    const nearEnd = offset + WINDOW < total && last >= offset + WINDOW - EDGE;
    if (nearTop || nearEnd || first < offset || last >= offset + WINDOW) setOffset(Math.max(0, first - Math.floor((WINDOW - (last - first)) / 2)));
  }, [first, last, offset, total]);
  useEffect(() => {
    // A new filter starts at the top.
    setOffset(0);
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [state, deferredQuery]);
  const columns = `minmax(14rem, 2fr) 7rem repeat(${Math.max(1, nodes.length)}, minmax(9rem, 1fr))`;
  // The row picked, as the latest window has it; as it was picked once scrolled out of the window.
  const detail = picked === null ? null : (data?.rows.find((r) => r.repoId === picked.repoId) ?? picked);
  if (!farm) return null;
  return (
    <section
      className="panel mirror-repos"
      data-testid="mirror-repo-table"
      data-farm-id={farmId}
      data-rows={data === null ? '' : total}
      aria-labelledby="mirror-repos-title"
    >
      <div className="mirror-repos__head">
        <h3 id="mirror-repos-title">
          Repositories of {farm.name} <span className="count">{formatCount(total)}</span>
        </h3>
        <select
          className="input mirror-repos__state"
          aria-label="Filter by state"
          data-testid="mirror-repo-state"
          value={state ?? ''}
          onChange={(e) => onState(isSyncState(e.target.value) ? e.target.value : null)}
        >
          <option value="">Every state</option>
          {STATE_ORDER.map((s) => (
            <option key={s} value={s}>
              {STATE_LABEL[s]}
            </option>
          ))}
        </select>
        <input
          type="search"
          className="input"
          placeholder="Filter by PROJECT/slug or id…"
          aria-label="Filter repositories"
          data-testid="mirror-repo-filter"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="toolbar__spacer" />
        <button type="button" className="button" onClick={onClose} data-testid="mirror-repo-close">
          Close
        </button>
      </div>
      <QueryStatus query={repos} />
      <div className="mirror-repos__grid" role="table" aria-label={`Repositories of ${farm.name}`} aria-rowcount={total + 1}>
        <div className="mirror-repos__row mirror-repos__header" role="row" style={{ gridTemplateColumns: columns }}>
          <span role="columnheader">Repository</span>
          <span role="columnheader">Farm</span>
          {nodes.map((n) => (
            <span role="columnheader" key={n.id ?? n.name} title={n.name}>
              {n.name}
            </span>
          ))}
        </div>
        <div
          ref={scrollRef}
          className="mirror-repos__scroll"
          data-testid="mirror-repo-scroll"
          style={{ height: Math.min(VIEWPORT_HEIGHT, Math.max(ROW_HEIGHT, total * ROW_HEIGHT)) }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return row ? (
                <RepoRow
                  key={row.repoId}
                  row={row}
                  nodeNames={nodeNames}
                  top={item.start}
                  columns={columns}
                  now={now}
                  picked={row.repoId === picked?.repoId}
                  onPick={setPicked}
                />
              ) : (
                <div
                  key={`loading:${item.index}`}
                  role="row"
                  className="mirror-repos__row mirror-repos__loading muted small"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  Loading…
                </div>
              );
            })}
          </div>
        </div>
        {data !== null && total === 0 && (
          <p className="muted small" data-testid="mirror-repo-empty">
            No repository {state ? `is ${STATE_LABEL[state].toLowerCase()}` : 'matches'}
            {query.trim() ? ` matching “${query.trim()}”` : ''}.
          </p>
        )}
      </div>
      {detail && (
        <RepoDetail
          key={detail.repoId}
          row={detail}
          farmId={farmId}
          primaryId={farm.primaryId}
          nodeNames={nodeNames}
          now={now}
          sweptAt={farm.detailSweep?.sweptAt ?? null}
        />
      )}
    </section>
  );
};

type RowProps = {
  row: MirrorRepoRow;
  nodeNames: readonly string[];
  top: number;
  columns: string;
  now: number;
  picked: boolean;
  onPick(row: MirrorRepoRow): void;
};

const RepoRow = memo(function RepoRow({ row, nodeNames, top, columns, now, picked, onPick }: RowProps) {
  return (
    <div
      role="row"
      className={`mirror-repos__row${picked ? ' is-picked' : ''}`}
      data-testid="mirror-repo-row"
      data-repo-id={row.repoId}
      data-repo={repoName(row)}
      data-state={row.state}
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: columns }}
      tabIndex={0}
      onClick={() => onPick(row)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') onPick(row);
      }}
    >
      <span role="cell" className="mono mirror-repos__name" title={`Upstream id ${row.repoId}`}>
        {repoName(row)}
      </span>
      <span role="cell">
        <StateTag state={row.state} />
      </span>
      {row.nodes.map((cell, i) => (
        <span role="cell" key={nodeNames[i] ?? i} data-testid="mirror-repo-node" data-node-name={nodeNames[i]} data-state={cell.state} title={cell.reason}>
          <StateTag state={cell.state} title={cell.reason} />
          <span className="muted small"> {age(cell.lastSyncAt, now)}</span>
          {cell.failedSyncCount !== null && cell.failedSyncCount > 0 && <span className="mirror-repos__failures"> ✕{cell.failedSyncCount}</span>}
        </span>
      ))}
    </div>
  );
});

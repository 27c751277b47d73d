import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import type { MirrorRepoRow, RepoSyncState } from '../../../shared/model';
import { formatAge, formatCount, formatTimestamp } from '../../../shared/logic/units';
import { QueryStatus } from '../../components/query-status';
import { repoRoute } from '../../../shared/logic/route';
import { RouteLink } from '../../routing/route-link';
import { useRouteState } from '../../routing/route-store';
import { useNow } from '../../state/clock';
import { selectFarm } from './mirrors-selectors';
import { useFleetStore, type FleetState } from '../../state/fleet.store';
import { isSyncState, StateTag, STATE_LABEL, STATE_ORDER } from './sync-states';
import { useMirrorRepos, WINDOW } from './use-mirror-repos';

const ROW_HEIGHT = 34;
const VIEWPORT_HEIGHT = 420;

const repoName = (r: MirrorRepoRow): string => (r.projectKey && r.slug ? `${r.projectKey}/${r.slug}` : (r.slug ?? `repository ${r.repoId}`));
const age = (at: number | null, now: number): string => (at === null ? '—' : formatAge(at, now));

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
  const [picked, setPicked] = useState<string | null>(null);
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = data?.total ?? 0;
  const nodes = data?.nodes ?? [];
  const rowAt = (i: number): MirrorRepoRow | undefined => (data && i >= data.offset ? data.rows[i - data.offset] : undefined);
  // No React Compiler here; only plain numbers from the virtualizer reach the memoised rows.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 900, height: VIEWPORT_HEIGHT },
    // Scrolling renders in React's own batch, not flushSync inside every scroll event: a
    // synchronous render per wheel tick stacked into long tasks on a slow core.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    // Move the fetched window when what is on screen leaves it, with room on both sides.
    if (first < offset || last >= offset + WINDOW) setOffset(Math.max(0, first - Math.floor(WINDOW / 4)));
  }, [first, last, offset]);
  useEffect(() => {
    // A new filter starts at the top.
    setOffset(0);
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [state, deferredQuery]);
  const columns = `minmax(14rem, 2fr) 7rem repeat(${Math.max(1, nodes.length)}, minmax(9rem, 1fr))`;
  const detail = picked === null ? null : (data?.rows.find((r) => r.repoId === picked) ?? null);
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
                  nodeNames={nodes.map((n) => n.name)}
                  top={item.start}
                  columns={columns}
                  now={now}
                  picked={row.repoId === picked}
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
      {detail && <RepoDetail row={detail} nodeNames={nodes.map((n) => n.name)} now={now} />}
    </section>
  );
};

type RowProps = { row: MirrorRepoRow; nodeNames: string[]; top: number; columns: string; now: number; picked: boolean; onPick(id: string): void };

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
      onClick={() => onPick(row.repoId)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') onPick(row.repoId);
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

/** Everything each node says about one repository, and why it has the state it has. */
const RepoDetail = ({ row, nodeNames, now }: { row: MirrorRepoRow; nodeNames: string[]; now: number }) => (
  <div className="mirror-repo-detail" data-testid="mirror-repo-detail" data-repo-id={row.repoId}>
    <h4>
      {repoName(row)} <span className="muted small">upstream id {row.repoId}</span>{' '}
      {row.projectKey && row.slug && (
        <RouteLink route={repoRoute(row.projectKey, row.slug)} testId="mirror-repo-page-link" className="route-link small">
          Repository page →
        </RouteLink>
      )}
    </h4>
    <table className="node-table">
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">State</th>
          <th scope="col">Why</th>
          <th scope="col">Last sync</th>
          <th scope="col">First sync</th>
          <th scope="col" className="num">
            Failed syncs
          </th>
        </tr>
      </thead>
      <tbody>
        {row.nodes.map((cell, i) => (
          <tr key={nodeNames[i] ?? i} data-node-name={nodeNames[i]} data-state={cell.state}>
            <td>{nodeNames[i]}</td>
            <td>
              <StateTag state={cell.state} />
            </td>
            <td>{cell.reason}</td>
            <td title={cell.lastSyncAt === null ? undefined : formatTimestamp(cell.lastSyncAt)}>{age(cell.lastSyncAt, now)}</td>
            <td title={cell.initialSyncAt === null ? undefined : formatTimestamp(cell.initialSyncAt)}>{age(cell.initialSyncAt, now)}</td>
            <td className="num">{cell.failedSyncCount ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

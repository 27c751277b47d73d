import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState, type CSSProperties } from 'react';
import { formatAge, formatBytes, formatCount, formatRatio } from '../../../shared/logic/units';
import type { ActionResult, Primary, PrimaryCache } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { QueryStatus } from '../../components/query-status';
import { observeRectAfterLayout } from '../../components/observe-rect-after-layout';
import { scrollAfterLayout } from '../../components/scroll-after-layout';
import { setRouteParams, useRouteState } from '../../routing/route-store';
import { CacheRepoDetail, RepoLookup } from './cache-repo-detail';
import { type CacheRow, type SortKey, type SortState } from './repo-rows';
import { useOrderedRows } from './use-ordered-rows';
import { useCacheRepositories } from './use-cache-data';
import type { ConfirmedAction } from '../../components/use-confirmed-action';
import { useActionLock } from '../../components/use-action-lock';

const ROW_HEIGHT = 32;
const VIEWPORT_HEIGHT = 420;
const estimateSize = (): number => ROW_HEIGHT;
const INITIAL_RECT = { width: 800, height: VIEWPORT_HEIGHT };

const COLUMNS: readonly { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'repository', label: 'Repository', numeric: false },
  { key: 'hitRatio', label: 'Hit ratio since reset', numeric: true },
  { key: 'hits', label: 'Hits', numeric: true },
  { key: 'misses', label: 'Misses', numeric: true },
  { key: 'size', label: 'Size', numeric: true },
  { key: 'lastAccessed', label: 'Last access', numeric: true },
];

const count = (n: number | null): string => (n === null ? '—' : formatCount(n));

type RowProps = {
  row: CacheRow;
  /** Offset in the scrolled list; a number rather than a style object, so memo sees equal props. */
  top: number;
  now: number;
  selected: boolean;
  onOpen(row: CacheRow): void;
  onClear(row: CacheRow): void;
};

/** One repository; memoised, so a poll re-renders only the visible rows whose figures changed. */
const Row = memo(function Row({ row, top, now, selected, onOpen, onClear }: RowProps) {
  const lock = useActionLock();
  const style: CSSProperties = { transform: `translateY(${top}px)`, height: ROW_HEIGHT };
  return (
    <div
      className={`cache-repos__row cache-repos__row--body${selected ? ' is-selected' : ''}`}
      role="row"
      style={style}
      data-testid="cache-repo-row"
      data-repo={row.key}
      data-hits={row.hits ?? ''}
      data-size={row.size ?? ''}
    >
      <span role="cell" className="cache-repos__name">
        <button type="button" className="cache-link mono" onClick={() => onOpen(row)} title="Show this repository's caches">
          {row.key}
        </button>
      </span>
      <span role="cell" className="num">
        {formatRatio(row.hitRatio)}
      </span>
      <span role="cell" className="num">
        {count(row.hits)}
      </span>
      <span role="cell" className="num">
        {count(row.misses)}
      </span>
      <span role="cell" className="num">
        {formatBytes(row.size)}
      </span>
      <span role="cell" className="num">
        {row.lastAccessed === null ? '—' : formatAge(row.lastAccessed, now)}
      </span>
      <span role="cell">
        <button
          type="button"
          className="button button--small"
          data-testid="cache-repo-clear"
          disabled={lock.locked}
          title={lock.title}
          aria-label={`Clear caches of ${row.key}…`}
          onClick={() => onClear(row)}
        >
          Clear…
        </button>
      </span>
    </div>
  );
});

type Props = { primary: Primary; cache: PrimaryCache; ask(action: ConfirmedAction<ActionResult>): void };

const SORT_KEYS: readonly SortKey[] = ['repository', 'hitRatio', 'hits', 'misses', 'size', 'lastAccessed'];

/**
 * Per-repository caches: sortable by every figure, filtered by name, virtualised (only the
 * visible rows plus a few are mounted, whatever the count), with a clear per row.
 */
export const CacheRepoTable = ({ primary, cache, ask }: Props) => {
  const bridge = useBridge();
  const repositories = useCacheRepositories(primary.id, cache.repositories.updatedAt);
  const source = cache.repositories.source;
  const [sortKey] = useRouteState('sort', 'hits');
  const [dir] = useRouteState('dir', 'desc');
  const sort = useMemo<SortState>(
    () => ({ key: (SORT_KEYS.includes(sortKey as SortKey) ? sortKey : 'hits') as SortKey, descending: dir !== 'asc' }),
    [sortKey, dir],
  );
  const setSort = (next: SortState): void => {
    // One change of the route, not two: each is a history write and a render.
    setRouteParams({ sort: next.key === 'hits' ? null : next.key, dir: next.descending ? null : 'asc' });
  };
  const [query, setQuery] = useRouteState('q', '');
  const [selected, setSelected] = useState<string | null>(null);
  // Ordered in slices: re-sorting thousands of rows may wait for a scroll frame, never block one.
  const ordered = useOrderedRows(repositories.data, sort, query);
  const rows = ordered.all;
  const shown = ordered.rows ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable options: the virtualizer recomputes every row's offset when one changes — 10,000 rows
  // on every scrolled frame otherwise. Rows have one fixed height, so its keys are the indexes
  // (offsets stay valid across polls); React keys the rows by repository.
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // No React Compiler here; only plain numbers from the virtualizer reach the memoised rows.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement,
    estimateSize,
    // Four rows each side cover a wheel tick (100 px) rendered a frame late; each extra row is
    // work on every poll (the bench's bound: 420 px / 32 px + 10 rows mounted).
    overscan: 4,
    initialRect: INITIAL_RECT,
    observeElementRect: observeRectAfterLayout,
    scrollToFn: scrollAfterLayout,
    // Scrolling renders in React's own batch, not flushSync inside every scroll event: a
    // synchronous render per wheel tick stacked into long tasks on a slow core.
    useFlushSync: false,
  });
  const now = cache.polledAt ?? 0;
  const handlers = useMemo(
    () => ({
      open: (row: CacheRow) => setSelected(row.key),
      clear: (row: CacheRow) =>
        ask({
          title: `Clear the caches of ${row.key} on ${primary.name}?`,
          confirmLabel: 'Clear repository caches',
          danger: true,
          done: `Caches of ${row.key} cleared.`,
          body: (
            <>
              <p>
                This drops <strong>{row.size === null ? 'every cached clone and ref advertisement' : formatBytes(row.size)}</strong> cached for {row.key} and
                resets its counters ({count(row.hits)} hits, {count(row.misses)} misses).
              </p>
              <p>Its next clones and fetches miss and are served by git until the cache fills again. Other repositories are not affected.</p>
            </>
          ),
          asAdminOf: primary,
          run: (extra) => bridge.clearCache({ primaryId: primary.id, projectKey: row.projectKey, repoSlug: row.repoSlug, ...extra }),
        }),
    }),
    [ask, bridge, primary],
  );
  const selectedRow = selected === null ? null : (rows?.find((r) => r.key === selected) ?? null);
  return (
    <section
      className="panel cache-repos"
      data-testid="cache-repo-table"
      data-source={source}
      data-rows={shown.length}
      data-sorted={ordered.sort?.key}
      aria-labelledby="cache-repos-title"
    >
      <div className="cache-repos__head">
        <h3 id="cache-repos-title">
          Repositories{' '}
          <span className="count" data-testid="cache-repo-count">
            {rows !== null && ordered.rows !== null && shown.length !== rows.length
              ? `${formatCount(shown.length)} of ${formatCount(rows.length)}`
              : formatCount(rows?.length ?? 0)}
          </span>
        </h3>
        <input
          type="search"
          className="input"
          placeholder="Filter by PROJECT/slug…"
          aria-label="Filter repositories"
          data-testid="cache-repo-filter"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {source === 'on-demand' && (
        <>
          <p className="muted small" data-testid="cache-on-demand">
            This Bitbucket&apos;s statistics do not list repositories, so each is read when you look it up; the table keeps the ones you looked up.
          </p>
          <RepoLookup primaryId={primary.id} onFound={(key) => setSelected(key)} />
        </>
      )}
      {source === 'unknown' && (
        <p className="muted small">The statistics endpoint is not available on this instance, so there are no per-repository figures.</p>
      )}
      <QueryStatus query={repositories} />
      {ordered.error !== null && (
        <p className="inline-error" role="alert" data-testid="cache-repo-order-error">
          {ordered.error}
        </p>
      )}
      <div className="cache-repos__grid" role="table" aria-label={`Repository caches of ${primary.name}`} aria-rowcount={shown.length + 1}>
        <div className="cache-repos__row cache-repos__header" role="row">
          {COLUMNS.map((c) => {
            const active = sort.key === c.key;
            return (
              <span
                key={c.key}
                role="columnheader"
                className={c.numeric ? 'num' : undefined}
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="cache-link"
                  data-testid="cache-repo-sort"
                  data-key={c.key}
                  onClick={() => setSort(active ? { key: c.key, descending: !sort.descending } : { key: c.key, descending: c.key !== 'repository' })}
                >
                  {c.label}
                  {active ? (sort.descending ? ' ▾' : ' ▴') : ''}
                </button>
              </span>
            );
          })}
          <span role="columnheader" />
        </div>
        <div
          ref={scrollRef}
          className="cache-repos__scroll"
          style={{ height: Math.min(VIEWPORT_HEIGHT, shown.length * ROW_HEIGHT) }}
          data-testid="cache-repo-scroll"
        >
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = shown[item.index];
              if (!row) return null;
              return <Row key={row.key} row={row} now={now} selected={row.key === selected} onOpen={handlers.open} onClear={handlers.clear} top={item.start} />;
            })}
          </div>
        </div>
        {rows !== null && ordered.rows !== null && shown.length === 0 && (
          <p className="muted small cache-repos__empty">
            {rows.length > 0
              ? 'No repository matches the filter.'
              : source === 'on-demand'
                ? 'Look a repository up above to see its caches here.'
                : 'No repository has caches yet.'}
          </p>
        )}
      </div>
      {selected !== null && (
        <CacheRepoDetail
          key={selected}
          primary={primary}
          repoKey={selected}
          row={selectedRow}
          onClose={() => setSelected(null)}
          onClear={handlers.clear}
          polledAt={cache.polledAt}
        />
      )}
    </section>
  );
};

import { useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MirrorFarm } from '../../../shared/model';
import { useBridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import { useElementWidth } from '../../components/use-element-width';
import { setRouteParams, useRouteParam } from '../../routing/route-store';
import { formatLag } from '../mirrors/farm-parts';

export const RANGES = [
  { id: '1h', label: '1 h', seconds: 3_600 },
  { id: '6h', label: '6 h', seconds: 6 * 3_600 },
  { id: '24h', label: '24 h', seconds: 86_400 },
  { id: '7d', label: '7 d', seconds: 7 * 86_400 },
] as const;

const COLORS = ['var(--degraded)', 'var(--info)', 'var(--down)', 'var(--text-muted)'];
const time = (t: number): string => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
type Series = { id: string; name: string; axis: 'ratio' | 'lag'; points: Array<{ t: number; v: number }> };

/**
 * The repository's surroundings over time on one time axis: the clone-cache hit ratio of its
 * primary and the lag of each farm that should carry it, both from the engine's history.
 */
export const RepositoryHistory = ({ primaryId, farms, pollKey }: { primaryId: string; farms: readonly MirrorFarm[]; pollKey: string }) => {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 640);
  const rangeId = useRouteParam('range') ?? '1h';
  const range = RANGES.find((r) => r.id === rangeId) ?? RANGES[0];
  const maxPoints = Math.max(3, Math.floor(width / 2));
  // Farms by id and name: the array itself is new with every snapshot.
  const farmKey = farms.map((f) => [f.id, f.name] as const);
  const history = useBridgeQuery<Series[]>({
    key: ['repositoryHistory', primaryId, farmKey, range.seconds],
    refreshOn: [pollKey, maxPoints],
    what: 'the history',
    keepPrevious: true,
    read: (bridge) =>
      Promise.all([
        bridge.getCacheHistory({ primaryId, rangeSeconds: range.seconds, maxPoints }).then((h) => ({
          id: 'hit',
          name: 'clone-cache hit ratio of the primary (%)',
          axis: 'ratio' as const,
          points: h.clone.map(([t, v]) => ({ t, v: Math.round(v * 1000) / 10 })),
        })),
        ...farmKey.map(([id, name]) =>
          bridge.getMirrorHistory({ farmId: id, metric: 'mirror.lagSeconds', rangeSeconds: range.seconds, maxPoints }).then((h) => ({
            id,
            name: `${name} lag (s)`,
            axis: 'lag' as const,
            points: h.points.map(([t, v]) => ({ t, v })),
          })),
        ),
      ]),
  });
  const series = history.data;
  const enough = series?.some((s) => s.points.length >= 2) ?? false;
  return (
    <section className="panel repo-section" data-testid="repo-history" aria-labelledby="repo-history-title">
      <h2 id="repo-history-title" className="section-title">
        History
        <span className="app-header__spacer" />
        <span className="segmented" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button
              key={r.id}
              type="button"
              className="segmented__item"
              aria-pressed={r.id === range.id}
              data-testid={`repo-range-${r.id}`}
              onClick={() => setRouteParams({ range: r.id === '1h' ? null : r.id })}
            >
              {r.label}
            </button>
          ))}
        </span>
      </h2>
      <p className="muted small">
        Fleetscope records the cache's hit ratio per primary and lag per farm, not per repository: these are the figures of the primary and farms this
        repository depends on.
      </p>
      <QueryStatus query={history} />
      <div ref={box} data-testid="repo-history-chart" data-series={series?.length ?? 0}>
        {!enough ? (
          series !== null && <p className="muted small">Not enough polls yet for a chart.</p>
        ) : (
          <LineChart width={width} height={180} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              domain={['dataMin', 'dataMax']}
              scale="time"
              tickFormatter={time}
              stroke="var(--text-muted)"
              fontSize={11}
              allowDuplicatedCategory={false}
            />
            <YAxis yAxisId="ratio" width={40} domain={[0, 100]} unit=" %" stroke="var(--text-muted)" fontSize={11} tickCount={3} />
            <YAxis
              yAxisId="lag"
              orientation="right"
              width={48}
              stroke="var(--text-muted)"
              fontSize={11}
              tickFormatter={(v: number) => (v === 0 ? '0' : formatLag(v))}
              tickCount={3}
            />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} />
            <Legend />
            {(series ?? []).map((s, i) => (
              <Line
                key={s.id}
                yAxisId={s.axis}
                data={s.points}
                dataKey="v"
                name={s.name}
                type="stepAfter"
                stroke={s.axis === 'ratio' ? 'var(--up)' : (COLORS[i % COLORS.length] ?? 'var(--info)')}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </div>
    </section>
  );
};

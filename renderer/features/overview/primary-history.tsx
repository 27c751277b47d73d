import { memo, useMemo, useRef } from 'react';
import { QueryStatus } from '../../components/query-status';
import { usePairedHistory } from '../../components/use-paired-history';
import { PollChart } from './poll-chart';

const RANGE_SECONDS = 3_600;

/** A primary's last hour from the engine's history (`getHistory`): how long each poll took and how many nodes were up. */
export const PrimaryHistory = memo(function PrimaryHistory({ primaryId, polledAt }: { primaryId: string; polledAt: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const { width, history } = usePairedHistory(box, {
    key: ['getHistory', primaryId, 'poll'],
    polledAt,
    what: 'the primary history',
    load: (bridge, maxPoints) =>
      Promise.all([
        bridge.getHistory({ targetId: primaryId, metric: 'poll.durationMs', rangeSeconds: RANGE_SECONDS, maxPoints }),
        bridge.getHistory({ targetId: primaryId, metric: 'nodes.up', rangeSeconds: RANGE_SECONDS, maxPoints }),
      ]),
  });
  const points = history.data;
  const data = useMemo(() => (points ?? []).map(({ t, a, b }) => ({ t, ms: a, up: b })), [points]);
  return (
    <div className="primary-history" ref={box} data-testid="primary-history" data-points={data.length}>
      <span className="muted small">Last hour: poll time (ms, left) and nodes up (right)</span>
      <QueryStatus query={history} />
      {data.length < 2 ? (
        points !== null || polledAt === null ? (
          <p className="muted small">{polledAt === null ? 'Not polled yet.' : 'Not enough polls yet for a chart.'}</p>
        ) : null
      ) : (
        <PollChart data={data} width={width} />
      )}
    </div>
  );
});

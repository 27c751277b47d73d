import { useShallow } from 'zustand/react/shallow';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import type { FleetEvent } from '../../../shared/model';
import { formatTimestamp } from '../../../shared/logic/units';
import { observeRectAfterLayout } from '../../components/observe-rect-after-layout';
import { scrollAfterLayout } from '../../components/scroll-after-layout';
import { RouteLink } from '../../routing/route-link';
import { selectTargetNames, useFleetStore } from '../../state/fleet.store';
import { eventRoute, parseRouteTargets, selectRouteTargets } from './event-route';

const ROW_HEIGHT = 30;
const VIEWPORT_HEIGHT = 360;

/**
 * The events, newest first, each linking to the page that explains it. Virtualised: a page of
 * 200 (or up to 10,000 after "Show older") renders the twenty rows in sight. It reads of the
 * snapshot only the targets' names and kinds, and is memoised: a snapshot push or a re-render of
 * the Timeline around it leaves it alone; only a new answer re-renders it.
 */
export const EventList = memo(function EventList({ events }: { events: readonly FleetEvent[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const names = useFleetStore(useShallow(selectTargetNames));
  const targetsKey = useFleetStore(selectRouteTargets);
  const targets = useMemo(() => parseRouteTargets(targetsKey), [targetsKey]);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 900, height: VIEWPORT_HEIGHT },
    observeElementRect: observeRectAfterLayout,
    scrollToFn: scrollAfterLayout,
  });
  return (
    <div ref={scrollRef} className="event-list" style={{ maxHeight: VIEWPORT_HEIGHT }} data-testid="event-list" data-count={events.length} role="list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const e = events[row.index]!;
          return (
            <div
              key={e.id}
              role="listitem"
              className="event-row"
              data-testid="event-row"
              data-kind={e.kind}
              data-severity={e.severity}
              data-target={e.targetId}
              data-at={e.at}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              <span className="event-row__time num">{formatTimestamp(e.at)}</span>
              <span className={`severity severity--${e.severity}`}>{e.severity}</span>
              <span className="event-row__target">{names[e.targetId] ?? e.targetId}</span>
              <RouteLink route={eventRoute(e, targets)} className="event-row__text route-link" testId="event-text" title="Open the page that explains it">
                {e.text}
              </RouteLink>
              {e.demo && <span className="tag tag--demo">demo</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
});

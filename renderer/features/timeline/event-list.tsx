import { useShallow } from 'zustand/react/shallow';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { FleetEvent } from '../../../shared/model';
import { formatTimestamp } from '../../../shared/logic/units';
import { RouteLink } from '../../routing/route-link';
import { selectTargetNames, useFleetStore } from '../../state/fleet.store';
import { eventRoute } from './event-route';

const ROW_HEIGHT = 30;
const VIEWPORT_HEIGHT = 360;

/**
 * The events, newest first, each linking to the page that explains it. Virtualised: a page of
 * 500 (or 10,000 after "Show older") renders the twenty rows in sight.
 */
export const EventList = ({ events }: { events: readonly FleetEvent[] }) => {
  const scrollRef = useRef<HTMLDivElement>(null);
  const names = useFleetStore(useShallow(selectTargetNames));
  const snapshot = useFleetStore((s) => s.snapshot);
  // The virtualizer is read afresh each render; this component is cheap, so no compiler memoising is lost.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 900, height: VIEWPORT_HEIGHT },
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
              <RouteLink route={eventRoute(e, snapshot)} className="event-row__text route-link" testId="event-text" title="Open the page that explains it">
                {e.text}
              </RouteLink>
              {e.demo && <span className="tag tag--demo">demo</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
};

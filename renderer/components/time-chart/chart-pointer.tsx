import { useRef, useState, type PointerEvent } from 'react';
import { formatTimestamp } from '../../../shared/logic/units';
import { MARKER_PX, markerText, nearestIndex, type MarkerBucket } from './chart-geometry';
import type { ChartAxis, ChartSeries } from './chart-types';

/** A drag shorter than this is a click, not a zoom. */
const DRAG_PX = 4;

type Box = { left: number; top: number; width: number; height: number };

/**
 * The layer over a chart's plot that follows the pointer: a tooltip with every series' value
 * and the events at that time, and a drag that selects a window to zoom to. Its own component,
 * so moving the pointer re-renders this layer and not the lines under it.
 */
export function ChartPointer({
  box,
  from,
  to,
  series,
  axes,
  buckets,
  onZoom,
}: {
  box: Box;
  from: number;
  to: number;
  series: readonly ChartSeries[];
  axes: { left: ChartAxis; right?: ChartAxis };
  buckets: readonly MarkerBucket[];
  onZoom(from: number, to: number): void;
}) {
  const [hover, setHover] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const layer = useRef<HTMLDivElement>(null);
  const xOf = (e: PointerEvent): number => Math.min(box.width, Math.max(0, e.clientX - (layer.current?.getBoundingClientRect().left ?? 0)));
  const tOf = (px: number): number => from + (px / box.width) * (to - from);
  const onDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const px = xOf(e);
    setDrag({ start: px, end: px });
  };
  const onMove = (e: PointerEvent<HTMLDivElement>): void => {
    const px = xOf(e);
    setHover(px);
    if (drag) setDrag({ ...drag, end: px });
  };
  const onUp = (e: PointerEvent<HTMLDivElement>): void => {
    if (!drag) return;
    const end = xOf(e);
    setDrag(null);
    if (Math.abs(end - drag.start) >= DRAG_PX) onZoom(tOf(Math.min(drag.start, end)), tOf(Math.max(drag.start, end)));
  };
  const at = hover === null ? null : tOf(hover);
  const near = hover === null ? [] : buckets.filter((b) => Math.abs(b.x - box.left - hover) <= MARKER_PX);
  return (
    <div
      ref={layer}
      className="chart-pointer"
      data-testid="chart-pointer"
      style={{ left: box.left, top: box.top, width: box.width, height: box.height }}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerLeave={() => setHover(null)}
      title="Drag to zoom; Back returns to the range before"
    >
      {drag && Math.abs(drag.end - drag.start) >= DRAG_PX && (
        <div className="chart-pointer__selection" style={{ left: Math.min(drag.start, drag.end), width: Math.abs(drag.end - drag.start) }} />
      )}
      {hover !== null && at !== null && !drag && (
        <>
          <div className="chart-pointer__cursor" style={{ left: hover }} />
          <div
            className="chart-pointer__tip"
            role="tooltip"
            data-testid="chart-tooltip"
            style={hover > box.width / 2 ? { right: box.width - hover + 8 } : { left: hover + 8 }}
          >
            <div className="chart-pointer__time">{formatTimestamp(at)}</div>
            {series.map((s) => {
              const i = nearestIndex(s.points, at);
              const v = i === -1 ? null : (s.points[i]?.[1] ?? null);
              const axis = s.axis === 'right' && axes.right ? axes.right : axes.left;
              return (
                <div key={s.id} className="chart-pointer__row">
                  <span className="chart-pointer__swatch" style={{ background: s.color }} aria-hidden="true" />
                  {s.label}: <span className="num">{v === null ? '—' : axis.format(v)}</span>
                </div>
              );
            })}
            {near.map((b) => (
              <div key={b.x} className="chart-pointer__events">
                {markerText(b.events, b.count)}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

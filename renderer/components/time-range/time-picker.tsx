import { useState, type FormEvent } from 'react';
import { MAX_SPAN_MS, MIN_SPAN_MS, RELATIVE_RANGES, rangeLabel } from '../../../shared/logic/time-range';
import { formatTimestamp } from '../../../shared/logic/units';
import { timeRangeActions, useTimeRange } from './use-time-range';

/** A `datetime-local` value in local time ("2026-01-15T13:05") and back. */
const toInput = (ms: number): string => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};
const fromInput = (value: string): number => new Date(value).getTime();

/** The absolute from–to form: two local times; says what is wrong instead of applying a window it cannot show. */
function AbsoluteForm({ from, to, onDone }: { from: number; to: number; onDone(): void }) {
  const [start, setStart] = useState(toInput(from));
  const [end, setEnd] = useState(toInput(to));
  const a = fromInput(start);
  const b = fromInput(end);
  const problem =
    !Number.isFinite(a) || !Number.isFinite(b)
      ? 'Enter both times.'
      : b - a < MIN_SPAN_MS
        ? 'The end must be at least a minute after the start.'
        : b - a > MAX_SPAN_MS
          ? 'At most 90 days: the history keeps no more.'
          : null;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (problem) return;
    timeRangeActions.zoomTo(a, b);
    onDone();
  };
  return (
    <form className="time-picker__form" onSubmit={submit} data-testid="time-absolute-form">
      <label>
        From <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} data-testid="time-from" />
      </label>
      <label>
        to <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} data-testid="time-to" />
      </label>
      <button type="submit" className="button" disabled={problem !== null}>
        Apply
      </button>
      <button type="button" className="button button--small" onClick={onDone}>
        Cancel
      </button>
      {problem && <span className="inline-warning small">{problem}</span>}
    </form>
  );
}

/**
 * The time range of every chart, below the header of every view with charts: the last 15 min to
 * 7 d (live), Pause to hold the window, an absolute from–to. It lives in the route, so a reload,
 * a copied link and Back keep it; a drag on any chart zooms it.
 */
export function TimePicker() {
  const range = useTimeRange();
  const [editing, setEditing] = useState(false);
  return (
    <div
      className="time-picker"
      role="group"
      aria-label="Time range of every chart"
      data-testid="time-picker"
      data-live={range.live}
      data-from={range.from}
      data-to={range.to}
    >
      <span className="segmented" role="group" aria-label="Last">
        {RELATIVE_RANGES.map((r) => (
          <button
            key={r.id}
            type="button"
            className="segmented__item"
            aria-pressed={range.live && r.id === range.rangeId}
            data-testid={`time-range-${r.id}`}
            onClick={() => timeRangeActions.setRelative(r.id)}
          >
            {r.label}
          </button>
        ))}
      </span>
      <span className="time-picker__window" data-testid="time-window">
        {range.live ? `Last ${rangeLabel(range.rangeId)}, live` : `${formatTimestamp(range.from)} – ${formatTimestamp(range.to)}`}
      </span>
      {range.live ? (
        <button
          type="button"
          className="button button--small"
          data-testid="time-pause"
          onClick={() => timeRangeActions.pause(range)}
          title="Hold this window: charts stop following the clock"
        >
          Pause
        </button>
      ) : (
        <button
          type="button"
          className="button button--small"
          data-testid="time-resume"
          onClick={() => timeRangeActions.resume()}
          title={`Back to the last ${rangeLabel(range.rangeId)}, live`}
        >
          Live
        </button>
      )}
      <button type="button" className="button button--small" aria-expanded={editing} data-testid="time-custom" onClick={() => setEditing(!editing)}>
        From – to…
      </button>
      {editing && <AbsoluteForm from={range.from} to={range.to} onDone={() => setEditing(false)} />}
    </div>
  );
}

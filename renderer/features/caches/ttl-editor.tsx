import { useId, useState } from 'react';
import { TTL_UNITS, formatTtl, parseTtl, splitTtl, type TtlUnit } from '../../../shared/logic/cache-units';
import { MAX_CACHE_TTL_SECONDS } from '../../../shared/model/cache';
import { useActionLock } from '../../components/use-action-lock';

type Props = {
  cache: 'refs' | 'upload-pack';
  current: number | null;
  onApply(seconds: number): void;
};

/**
 * A TTL in human units. The value is checked as it is typed (whole seconds, not negative, at
 * most 30 days) and Apply stays disabled until it passes, so an invalid TTL never leaves the app.
 */
export const TtlEditor = ({ cache, current, onApply }: Props) => {
  const initial = current === null ? { value: 0, unit: 'h' as TtlUnit } : splitTtl(current);
  const [text, setText] = useState<string | null>(null);
  const [unit, setUnit] = useState<TtlUnit | null>(null);
  // Until the user types, the editor follows the polled value.
  const shownText = text ?? (current === null ? '' : String(initial.value));
  const shownUnit = unit ?? initial.unit;
  const check = parseTtl(shownText, shownUnit);
  const dirty = text !== null || unit !== null;
  const unchanged = check.ok && check.seconds === current;
  const errorId = useId();
  const lock = useActionLock();
  return (
    <form
      className="ttl-editor"
      data-testid="ttl-editor"
      data-cache={cache}
      onSubmit={(e) => {
        e.preventDefault();
        if (check.ok && !unchanged && !lock.locked) onApply(check.seconds);
      }}
    >
      <input
        className="input ttl-editor__value"
        inputMode="decimal"
        aria-label={`New ${cache === 'refs' ? 'ref-advertisement' : 'clone'} cache TTL`}
        aria-invalid={dirty && !check.ok}
        aria-describedby={errorId}
        data-testid="ttl-input"
        value={shownText}
        onChange={(e) => setText(e.target.value)}
      />
      <select
        className="input ttl-editor__unit"
        aria-label="Unit"
        data-testid="ttl-unit"
        value={shownUnit}
        onChange={(e) => {
          if (text === null) setText(shownText);
          setUnit(e.target.value as TtlUnit);
        }}
      >
        {TTL_UNITS.map((u) => (
          <option key={u.id} value={u.id}>
            {u.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button" data-testid="ttl-apply" disabled={!check.ok || unchanged || lock.locked} title={lock.title}>
        Apply…
      </button>
      {dirty && (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setText(null);
            setUnit(null);
          }}
        >
          Reset
        </button>
      )}
      <span
        id={errorId}
        className={dirty && !check.ok ? 'inline-error ttl-editor__hint' : 'muted small ttl-editor__hint'}
        data-testid="ttl-error"
        role={dirty && !check.ok ? 'alert' : undefined}
      >
        {dirty && !check.ok ? check.message : dirty && check.ok ? `= ${check.seconds} s` : `0 to ${formatTtl(MAX_CACHE_TTL_SECONDS)}, whole seconds`}
      </span>
    </form>
  );
};

import { useState } from 'react';
import { DEMO_SPEED_MAX, DEMO_SPEED_MIN } from '../../../shared/model/demo';
import { useBridge } from '../../bridge/bridge-context';
import { setDemoSpeed } from '../../bridge/demo-actions';
import { useActionLock } from '../../components/use-action-lock';

/** The speeds offered, from real time (×1) to an hour a minute (×60): the contract's bounds. */
const SPEEDS = [DEMO_SPEED_MIN, 2, 5, 10, 30, DEMO_SPEED_MAX] as const;

/** How fast simulated time runs: one pressed button per speed, the engine's answer shown. */
export const SpeedControl = ({ speed }: { speed: number }) => {
  const bridge = useBridge();
  const lock = useActionLock();
  const [pending, setPending] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = pending ?? speed;
  const choose = (next: number): void => {
    if (pending !== null || next === speed) return;
    setPending(next);
    setError(null);
    setDemoSpeed(bridge, next)
      .catch((err: unknown) => setError(`The speed did not change: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => setPending(null));
  };
  return (
    <section className="presenter__section" aria-labelledby="presenter-speed-title">
      <h3 id="presenter-speed-title" className="presenter__heading">
        Simulation speed{' '}
        <span className="muted small" data-testid="demo-speed" data-speed={speed}>
          now ×{speed}
        </span>
      </h3>
      <div className="segmented" role="group" aria-labelledby="presenter-speed-title">
        {SPEEDS.map((s) => (
          <button
            key={s}
            type="button"
            className="segmented__item"
            data-testid="demo-speed-option"
            data-speed={s}
            aria-pressed={shown === s}
            aria-busy={pending === s}
            disabled={lock.locked}
            title={lock.title ?? (s === 1 ? 'Real time' : `Simulated time runs ${s} times faster than real time`)}
            onClick={() => choose(s)}
          >
            ×{s}
          </button>
        ))}
      </div>
      {error && (
        <p className="inline-error" role="alert" data-testid="demo-speed-error">
          {error}
        </p>
      )}
    </section>
  );
};

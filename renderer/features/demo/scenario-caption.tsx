import { useEffect } from 'react';
import { parseRoute } from '../../../shared/logic/route';
import { formatSeconds } from '../../../shared/logic/units';
import type { ScenarioCommand, ScenarioRun } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { controlDemoScenario } from '../../bridge/demo-actions';
import { useAction } from '../../components/use-action';
import { useActionLock } from '../../components/use-action-lock';
import { navigate } from '../../routing/route-store';
import { demoActions, selectFollowScenario, selectScenarioRun, useDemoStore } from '../../state/demo.store';
import { useNow } from '../../state/clock';

/** Opens each step's view as the step starts, while "Follow along" is on; the presenter may wander off in between. */
const useFollowAlong = (run: ScenarioRun | null, follow: boolean): void => {
  const step = run ? `${run.name}:${run.stepsDone}` : null;
  const view = run?.view ?? null;
  useEffect(() => {
    if (follow && step !== null && view !== null) navigate(parseRoute(`#${view}`));
  }, [follow, step, view]);
};

const NextStep = ({ run }: { run: ScenarioRun }) => {
  const now = useNow();
  if (run.finished) return <>the story is over</>;
  if (run.paused) return <>paused</>;
  if (run.nextIsManual || run.nextStepAt === null) return <>next step when you press Step</>;
  return <>next step in {formatSeconds(Math.max(0, Math.ceil((run.nextStepAt - now) / 1000)))}</>;
};

/** The running scenario's caption, on top of every view, with the presenter's controls. */
export const ScenarioCaption = () => {
  const run = useDemoStore(selectScenarioRun);
  const follow = useDemoStore(selectFollowScenario);
  const bridge = useBridge();
  const lock = useActionLock();
  const action = useAction<void>();
  useFollowAlong(run, follow);
  if (!run) return null;
  const send = (command: ScenarioCommand) => void action.run(() => controlDemoScenario(bridge, command));
  const disabled = lock.locked || action.pending;
  return (
    <section className="scenario-caption" aria-label={`Demo scenario: ${run.title}`} data-testid="scenario-caption" data-step={run.stepsDone}>
      <div className="scenario-caption__head">
        <strong>{run.title}</strong>
        <span className="muted" data-testid="scenario-progress">
          {run.stepsDone === 0 ? `Before step 1 of ${run.stepCount}` : `Step ${run.stepsDone} of ${run.stepCount}`} · <NextStep run={run} />
        </span>
      </div>
      <p className="scenario-caption__text" aria-live="polite" data-testid="scenario-caption-text">
        {run.caption}
      </p>
      <div className="scenario-caption__controls" title={lock.title}>
        {run.paused ? (
          <button type="button" className="button" disabled={disabled || run.finished} onClick={() => send('resume')} data-testid="scenario-resume">
            Resume
          </button>
        ) : (
          <button type="button" className="button" disabled={disabled || run.finished} onClick={() => send('pause')} data-testid="scenario-pause">
            Pause
          </button>
        )}
        <button type="button" className="button" disabled={disabled || run.finished} onClick={() => send('step')} data-testid="scenario-step">
          Step
        </button>
        <button type="button" className="button" disabled={disabled} onClick={() => send('restart')} data-testid="scenario-restart">
          Restart
        </button>
        <button type="button" className="button" disabled={disabled} onClick={() => send('stop')} data-testid="scenario-stop">
          Stop
        </button>
        <label className="scenario-caption__follow">
          <input type="checkbox" checked={follow} onChange={(e) => demoActions.setFollowScenario(e.currentTarget.checked)} data-testid="scenario-follow" />
          Follow along (open each step's view)
        </label>
      </div>
      {(run.error ?? action.error) && (
        <p className="inline-error" role="alert" data-testid="scenario-error">
          {action.error ?? run.error}
        </p>
      )}
    </section>
  );
};

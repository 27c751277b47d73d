import type { ReactNode } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { resetDemo, startDemoScenario } from '../../bridge/demo-actions';
import { useAction } from '../../components/use-action';
import { useActionLock } from '../../components/use-action-lock';
import { selectScenarioRun, selectScenarios, useDemoStore } from '../../state/demo.store';

type PanelButtonProps = { testId: string; onClick: () => void; disabled: boolean; title: string | undefined; children: ReactNode };

const PanelButton = ({ testId, onClick, disabled, title, children }: PanelButtonProps) => (
  <button type="button" className="button" disabled={disabled} title={title} onClick={onClick} data-testid={testId}>
    {children}
  </button>
);

/**
 * The demo scenarios, each with Start, and the reset to a healthy fleet. Starting one begins from
 * a healthy fleet and replaces any scenario running; its caption then shows above every view.
 */
export const ScenarioPanel = () => {
  const scenarios = useDemoStore(selectScenarios);
  const running = useDemoStore(selectScenarioRun);
  const bridge = useBridge();
  const lock = useActionLock();
  const action = useAction<void>();
  const disabled = lock.locked || action.pending;
  return (
    <div className="scenario-panel" data-testid="scenario-panel">
      <h3 className="scenario-panel__title">Scenarios</h3>
      {scenarios.length === 0 && <p className="muted small">This demo fleet has no scenarios.</p>}
      <ul className="scenario-panel__list">
        {scenarios.map((s) => (
          <li key={s.name} className="scenario-panel__item" data-testid="scenario-item" data-scenario={s.name}>
            <div>
              <strong>{s.title}</strong> <span className="muted small">({s.stepCount} steps)</span>
              <p className="muted small">{s.description}</p>
            </div>
            <PanelButton
              testId="scenario-start"
              onClick={() => void action.run(() => startDemoScenario(bridge, s.name))}
              disabled={disabled}
              title={lock.title}
            >
              {running?.name === s.name ? 'Start again' : 'Start'}
            </PanelButton>
          </li>
        ))}
      </ul>
      <PanelButton testId="demo-reset" onClick={() => void action.run(() => resetDemo(bridge))} disabled={disabled} title={lock.title}>
        Reset to a healthy fleet
      </PanelButton>
      {action.error && (
        <p className="inline-error" role="alert" data-testid="scenario-panel-error">
          {action.error}
        </p>
      )}
    </div>
  );
};

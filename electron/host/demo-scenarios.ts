import { FleetApiError } from '../../shared/contract';
import type { DemoFault, DemoScenario, DemoState, NewFleetEvent } from '../../shared/model';
import { demoSpeedEvent } from '../../shared/logic/events/fleet-events';
import { activeFaults } from '../demo/scenarios/active-faults';
import { resolveTarget, scenarioProblems } from '../demo/scenarios/scenario-targets';
import { createScenarioRunner, ScenarioError, type ScenarioClock } from '../demo/scenarios/scenario-runner';
import type { HandlersOf } from '../engine/handlers';
import type { DemoControl } from './fleet-host-options';

type DemoRequest = 'getDemoState' | 'setDemoFault' | 'setDemoSpeed' | 'startDemoScenario' | 'controlDemoScenario' | 'resetDemo';

export interface DemoScenarioHost {
  handlers: HandlersOf<DemoRequest>;
  /** The demo state with the scenarios and the running one: what every `demo` push carries. */
  withScenario(state: DemoState): DemoState;
  /** Starts a scenario as `serve --scenario NAME` asks; an unknown name throws, listing the names. */
  start(name: string): Promise<void>;
  /** Ends any scenario (the demo ends, or the host stops); faults stay as they are. */
  stop(): void;
}

/**
 * The demo's faults, speed and scenarios as contract requests. A scenario's steps, the app's switches
 * and the reset all switch faults through `switchFault`: the demo records each change as a demo
 * event and the engine polls at once.
 */
export function demoScenarioHost(opts: {
  demo: () => DemoControl;
  scenarios: () => readonly DemoScenario[];
  pollNow: () => void;
  emit: (state: DemoState) => void;
  /** Where a speed change is recorded, so the timeline says why the charts changed pace. */
  recordEvents: (events: readonly NewFleetEvent[]) => void;
  /** What the host adds to every demo state it answers or pushes (the back-fill's progress). */
  decorate?: (state: DemoState) => DemoState;
  clock?: ScenarioClock;
}): DemoScenarioHost {
  const switchFault = async (targetId: string, fault: DemoFault, enabled: boolean): Promise<DemoState> => {
    try {
      const state = await opts.demo().applyFault(targetId, fault, enabled);
      opts.pollNow();
      return state;
    } catch (err) {
      if (err instanceof FleetApiError) throw err;
      throw new FleetApiError('invalid-argument', (err as Error).message);
    }
  };
  const resetFaults = async (): Promise<void> => {
    for (const { targetId, fault } of activeFaults(opts.demo().state())) await switchFault(targetId, fault, false);
  };
  const runner = createScenarioRunner({
    scenarios: opts.scenarios,
    apply: async (target, fault, enabled) => {
      const resolved = resolveTarget(opts.demo().state(), target, fault);
      if ('problem' in resolved) throw new Error(resolved.problem);
      await switchFault(resolved.id, fault, enabled);
    },
    reset: resetFaults,
    problems: (scenario) => scenarioProblems(scenario, opts.demo().state()),
    onChange: () => opts.emit(withScenario(opts.demo().state())),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const withScenario = (state: DemoState): DemoState => ({ ...(opts.decorate?.(state) ?? state), scenarios: runner.list(), scenario: runner.state() });
  const current = (): DemoState => withScenario(opts.demo().state());
  const asApiError = async (work: () => Promise<void>): Promise<DemoState> => {
    opts.demo();
    try {
      await work();
    } catch (err) {
      if (err instanceof ScenarioError) throw new FleetApiError('invalid-argument', err.message);
      throw err;
    }
    return current();
  };

  return {
    withScenario,
    start: (name) => runner.start(name),
    stop: () => runner.stop(),
    handlers: {
      getDemoState: async () => current(),
      setDemoFault: async ({ targetId, fault, enabled }) => withScenario(await switchFault(targetId, fault, enabled)),
      setDemoSpeed: async ({ speed }) => {
        const control = opts.demo();
        const before = control.state().speed;
        try {
          const state = control.setSpeed(speed);
          if (state.speed !== before) opts.recordEvents([demoSpeedEvent(before, state.speed, Date.now())]);
          return withScenario(state);
        } catch (err) {
          if (err instanceof FleetApiError) throw err;
          throw new FleetApiError('invalid-argument', (err as Error).message);
        }
      },
      startDemoScenario: ({ name }) => asApiError(() => runner.start(name)),
      controlDemoScenario: ({ command }) => asApiError(() => runner.command(command)),
      resetDemo: () =>
        asApiError(async () => {
          runner.stop();
          await resetFaults();
        }),
    },
  };
}

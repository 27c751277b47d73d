import type { DemoFault } from '../../../shared/model/demo';
import type { DemoScenario } from '../../../shared/model/demo-scenario';
import type { ScenarioCommand, ScenarioRun, ScenarioSummary } from '../../../shared/model/demo-scenario-run';

/** Real time for the runner; tests inject one they move themselves. */
export interface ScenarioClock {
  now(): number;
  /** Runs `fn` after `ms`; returns what cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const realScenarioClock: ScenarioClock = {
  now: Date.now,
  after: (ms, fn) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

export interface ScenarioRunnerOptions {
  /** The scenarios, asked for when listed or started (`serve --demo` parses their YAML after its first screen). */
  scenarios: () => readonly DemoScenario[];
  /** Switches one fault through the same path as the app's demo switches; `target` as the scenario names it. */
  apply(target: string, fault: DemoFault, enabled: boolean): Promise<void>;
  /** Every fault off: a scenario starts from a healthy fleet. */
  reset(): Promise<void>;
  /** Why a scenario cannot run on this fleet (a target or node it names is missing); empty when it can. */
  problems(scenario: DemoScenario): string[];
  /** Told after every change of `state()`. */
  onChange(): void;
  clock?: ScenarioClock;
}

export interface ScenarioRunner {
  list(): ScenarioSummary[];
  state(): ScenarioRun | null;
  start(name: string): Promise<void>;
  command(command: ScenarioCommand): Promise<void>;
  /** Stops any scenario without touching the faults. */
  stop(): void;
}

export class ScenarioError extends Error {}

interface Run {
  scenario: DemoScenario;
  done: number;
  paused: boolean;
  /** When the next step runs by itself; null when manual, paused or finished. */
  dueAt: number | null;
  /** Time left to the next step, kept across a pause. */
  leftMs: number | null;
  cancel: () => void;
  error: string | null;
  /** Bumped by every start, restart and stop: a step still applying from before is not counted. */
  generation: number;
}

/**
 * Plays scenarios: each step waits its `when` (or for Step), switches its faults, and shows its
 * caption and view. One scenario at a time; starting or restarting begins from a healthy fleet.
 */
export function createScenarioRunner(opts: ScenarioRunnerOptions): ScenarioRunner {
  const clock = opts.clock ?? realScenarioClock;
  let run: Run | null = null;
  let generation = 0;
  // Steps switch faults one after another, never two steps at once.
  let queue: Promise<void> = Promise.resolve();

  const find = (name: string): DemoScenario => {
    const scenario = opts.scenarios().find((s) => s.name === name);
    if (!scenario)
      throw new ScenarioError(
        `No scenario "${name}". The scenarios are: ${opts
          .scenarios()
          .map((s) => s.name)
          .join(', ')}.`,
      );
    return scenario;
  };

  const schedule = (r: Run, ms: number | null): void => {
    r.cancel();
    const next = r.scenario.steps[r.done];
    if (!next || next.when === 'manual') {
      r.dueAt = null;
      r.leftMs = null;
      return;
    }
    const wait = ms ?? next.when * 1000;
    if (r.paused) {
      r.dueAt = null;
      r.leftMs = wait;
      return;
    }
    r.leftMs = null;
    r.dueAt = clock.now() + wait;
    r.cancel = clock.after(wait, () => void enqueueStep(r));
  };

  const enqueueStep = (r: Run): Promise<void> => (queue = queue.then(() => runStep(r)));

  const runStep = async (r: Run): Promise<void> => {
    if (run !== r || r.generation !== generation) return;
    const step = r.scenario.steps[r.done];
    if (!step) return;
    r.cancel();
    r.dueAt = null;
    r.error = null;
    for (const f of step.faults) {
      try {
        await opts.apply(f.target, f.fault, f.enabled);
      } catch (err) {
        // The story goes on; the caption bar says which switch failed.
        r.error = `Step ${r.done + 1} could not switch ${f.fault.kind} on ${f.target}: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    if (run !== r || r.generation !== generation) return;
    r.done += 1;
    schedule(r, null);
    opts.onChange();
  };

  const begin = async (scenario: DemoScenario, paused: boolean): Promise<void> => {
    const problems = opts.problems(scenario);
    if (problems.length > 0) throw new ScenarioError(`The scenario "${scenario.name}" does not fit this demo fleet: ${problems.join('; ')}.`);
    halt();
    const r: Run = { scenario, done: 0, paused, dueAt: null, leftMs: null, cancel: () => undefined, error: null, generation: ++generation };
    run = r;
    await (queue = queue.then(() => opts.reset()));
    if (run !== r) return;
    schedule(r, null);
    opts.onChange();
    // A first step due at once runs before start answers, so the caller sees its caption.
    if (r.dueAt !== null && r.dueAt <= clock.now()) await enqueueStep(r);
  };

  const halt = (): void => {
    run?.cancel();
    run = null;
    generation += 1;
  };

  const state = (): ScenarioRun | null => {
    if (!run) return null;
    const { scenario, done } = run;
    const last = scenario.steps[done - 1];
    const next = scenario.steps[done];
    return {
      name: scenario.name,
      title: scenario.title,
      stepsDone: done,
      stepCount: scenario.steps.length,
      caption: last ? last.caption : scenario.description,
      view: last ? last.view : null,
      paused: run.paused,
      nextStepAt: run.dueAt,
      nextIsManual: next?.when === 'manual',
      finished: next === undefined,
      error: run.error,
    };
  };

  const command = async (c: ScenarioCommand): Promise<void> => {
    const r = run;
    if (!r) throw new ScenarioError('No scenario is running. Start one from the demo controls first.');
    switch (c) {
      case 'pause':
        if (!r.paused && r.dueAt !== null) {
          const left = Math.max(0, r.dueAt - clock.now());
          r.paused = true;
          schedule(r, left);
        } else r.paused = true;
        break;
      case 'resume':
        if (r.paused) {
          r.paused = false;
          schedule(r, r.leftMs);
        }
        break;
      case 'step':
        if (r.done >= r.scenario.steps.length) throw new ScenarioError(`"${r.scenario.title}" has no step left. Restart it or stop it.`);
        await enqueueStep(r);
        return;
      case 'restart':
        await begin(r.scenario, false);
        return;
      case 'stop':
        halt();
        break;
    }
    opts.onChange();
  };

  return {
    list: () => opts.scenarios().map((s) => ({ name: s.name, title: s.title, description: s.description, stepCount: s.steps.length })),
    state,
    start: async (name) => begin(find(name), false),
    command,
    stop: () => {
      if (!run) return;
      halt();
      opts.onChange();
    },
  };
}

import { describe, expect, it } from 'vitest';
import type { DemoFault, DemoScenario } from '../../../../shared/model';
import { createScenarioRunner, type ScenarioClock } from '../../../../electron/demo/scenarios/scenario-runner';

/** A clock the test moves: timers fire only when `advance` passes them. */
function manualClock(): ScenarioClock & { advance(ms: number): Promise<void>; pending(): number } {
  let now = 1_000_000;
  let timers: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => now,
    after: (ms, fn) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    pending: () => timers.length,
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        // Let the step's fault switches (promises) settle before the next timer.
        for (let i = 0; i < 20; i++) await Promise.resolve();
      }
      now = until;
    },
  };
}

const fault = (kind: 'slow' | 'server-error'): DemoFault => ({ kind });

const STORY: DemoScenario = {
  name: 'story',
  title: 'A story',
  description: 'What it is about.',
  steps: [
    { when: 0, caption: 'One', view: '/overview', faults: [{ target: 'prod', fault: fault('slow'), enabled: true }] },
    { when: 10, caption: 'Two', view: '/caches', faults: [{ target: 'prod', fault: fault('server-error'), enabled: true }] },
    { when: 'manual', caption: 'Three', view: '/mirrors', faults: [{ target: 'prod', fault: fault('slow'), enabled: false }] },
    { when: 5, caption: 'Four', view: '/timeline', faults: [] },
  ],
};

function setup(scenarios: DemoScenario[] = [STORY], problems: string[] = []) {
  const clock = manualClock();
  const log: string[] = [];
  let changes = 0;
  const runner = createScenarioRunner({
    scenarios: () => scenarios,
    clock,
    apply: async (target, f, enabled) => {
      log.push(`${target} ${f.kind} ${enabled ? 'on' : 'off'}`);
    },
    reset: async () => {
      log.push('reset');
    },
    problems: () => problems,
    onChange: () => {
      changes += 1;
    },
  });
  return { runner, clock, log, changes: () => changes };
}

describe('scenario runner', () => {
  it('starts from a healthy fleet, runs a first step due at once before start answers, then each step after its delay', async () => {
    const { runner, clock, log } = setup();
    await runner.start('story');
    expect(log).toEqual(['reset', 'prod slow on']);
    expect(runner.state()).toMatchObject({ stepsDone: 1, stepCount: 4, caption: 'One', view: '/overview', nextStepAt: clock.now() + 10_000, finished: false });
    await clock.advance(9_999);
    expect(runner.state()?.stepsDone).toBe(1);
    await clock.advance(1);
    expect(log.at(-1)).toBe('prod server-error on');
    expect(runner.state()).toMatchObject({ stepsDone: 2, caption: 'Two', view: '/caches', nextStepAt: null, nextIsManual: true });
  });

  it('waits at a manual step until Step, then carries on by itself and ends finished', async () => {
    const { runner, clock, log } = setup();
    await runner.start('story');
    await clock.advance(10_000);
    await clock.advance(3_600_000);
    expect(runner.state()?.stepsDone).toBe(2);
    await runner.command('step');
    expect(log.at(-1)).toBe('prod slow off');
    expect(runner.state()).toMatchObject({ stepsDone: 3, caption: 'Three', nextIsManual: false });
    await clock.advance(5_000);
    expect(runner.state()).toMatchObject({ stepsDone: 4, caption: 'Four', view: '/timeline', finished: true, nextStepAt: null });
    await expect(runner.command('step')).rejects.toThrow(/no step left/);
    expect(clock.pending()).toBe(0);
  });

  it('pauses with the time left kept, and resumes with it', async () => {
    const { runner, clock } = setup();
    await runner.start('story');
    await clock.advance(4_000);
    await runner.command('pause');
    expect(runner.state()).toMatchObject({ paused: true, nextStepAt: null });
    await clock.advance(60_000);
    expect(runner.state()?.stepsDone).toBe(1);
    await runner.command('resume');
    expect(runner.state()?.nextStepAt).toBe(clock.now() + 6_000);
    await clock.advance(6_000);
    expect(runner.state()).toMatchObject({ stepsDone: 2, paused: false });
  });

  it('steps while paused and stays paused', async () => {
    const { runner, clock } = setup();
    await runner.start('story');
    await runner.command('pause');
    await runner.command('step');
    expect(runner.state()).toMatchObject({ stepsDone: 2, paused: true });
    await clock.advance(60_000);
    expect(runner.state()?.stepsDone).toBe(2);
  });

  it('restarts from a healthy fleet at step 1, and stop leaves the faults as they are', async () => {
    const { runner, clock, log } = setup();
    await runner.start('story');
    await clock.advance(10_000);
    await runner.command('restart');
    expect(log.slice(-2)).toEqual(['reset', 'prod slow on']);
    expect(runner.state()).toMatchObject({ stepsDone: 1, caption: 'One', paused: false });
    const before = log.length;
    await runner.command('stop');
    expect(runner.state()).toBeNull();
    await clock.advance(60_000);
    expect(log.length).toBe(before);
    expect(clock.pending()).toBe(0);
    await expect(runner.command('pause')).rejects.toThrow(/No scenario is running/);
  });

  it('shows the description and the wait before a first step that is not due at once', async () => {
    const later: DemoScenario = { ...STORY, name: 'later', steps: [{ ...STORY.steps[0]!, when: 'manual' }] };
    const { runner, log } = setup([later]);
    await runner.start('later');
    expect(log).toEqual(['reset']);
    expect(runner.state()).toMatchObject({ stepsDone: 0, caption: 'What it is about.', view: null, nextIsManual: true });
  });

  it('refuses an unknown name, listing the scenarios, and a scenario this fleet cannot run', async () => {
    await expect(setup().runner.start('nope')).rejects.toThrow('No scenario "nope". The scenarios are: story.');
    await expect(setup([STORY], ['step 1: no such primary']).runner.start('story')).rejects.toThrow(/does not fit this demo fleet: step 1: no such primary/);
  });

  it('goes on when a switch fails, and says which one in the state', async () => {
    const clock = manualClock();
    const runner = createScenarioRunner({
      scenarios: () => [STORY],
      clock,
      apply: async (_t, f) => {
        if (f.kind === 'slow') throw new Error('the primary is gone');
      },
      reset: async () => undefined,
      problems: () => [],
      onChange: () => undefined,
    });
    await runner.start('story');
    expect(runner.state()).toMatchObject({ stepsDone: 1, error: 'Step 1 could not switch slow on prod: the primary is gone' });
    await clock.advance(10_000);
    expect(runner.state()).toMatchObject({ stepsDone: 2, error: null });
  });

  it('tells of every change, and replaces a running scenario when another starts', async () => {
    const other: DemoScenario = { ...STORY, name: 'other', title: 'Other' };
    const { runner, clock, changes } = setup([STORY, other]);
    await runner.start('story');
    const afterStart = changes();
    expect(afterStart).toBeGreaterThan(0);
    await runner.start('other');
    expect(runner.state()?.name).toBe('other');
    // Only the new scenario's timer is left.
    expect(clock.pending()).toBe(1);
    expect(changes()).toBeGreaterThan(afterStart);
  });
});

import { z } from 'zod';

/** A scenario as the presenter's list shows it. */
export const scenarioSummarySchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  stepCount: z.number().int().positive(),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

/** The scenario running now, pushed with the demo state so every window follows it. */
export const scenarioRunSchema = z.object({
  name: z.string(),
  title: z.string(),
  /** Steps done so far (0 before the first step, `stepCount` at the end). */
  stepsDone: z.number().int().nonnegative(),
  stepCount: z.number().int().positive(),
  /** The caption of the last step done; the scenario's description before the first. */
  caption: z.string(),
  /** The route of the last step done; null before the first. */
  view: z.string().nullable(),
  paused: z.boolean(),
  /** When the next step runs by itself (epoch ms); null when paused, manual, or finished. */
  nextStepAt: z.number().nullable(),
  /** The next step waits for Step. */
  nextIsManual: z.boolean(),
  finished: z.boolean(),
  /** Why the last step could not switch one of its faults, if it could not. */
  error: z.string().nullable(),
});
export type ScenarioRun = z.infer<typeof scenarioRunSchema>;

export const scenarioCommandSchema = z.enum(['pause', 'resume', 'step', 'restart', 'stop']);
export type ScenarioCommand = z.infer<typeof scenarioCommandSchema>;

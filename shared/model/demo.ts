import { z } from 'zod';
import { cacheDemoFaults, cacheDemoStateSchema } from './demo-cache';
import { mirrorsDemoFaults, mirrorsDemoStateSchema } from './demo-mirrors';
import { storageDemoFaults, storageDemoStateSchema } from './demo-storage';
import { scenarioRunSchema, scenarioSummarySchema } from './demo-scenario-run';

/** Faults of a simulated primary cluster itself. */
const primaryDemoFaults = [
  z.object({ kind: z.literal('node-down'), node: z.string().min(1) }),
  z.object({ kind: z.literal('slow'), delayMs: z.number().int().min(0).max(60_000).optional() }),
  z.object({ kind: z.literal('server-error') }),
  z.object({ kind: z.literal('html-login') }),
] as const;

/** Every fault the simulated fleet can switch; each area contributes its own kinds. */
export const demoFaultSchema = z.discriminatedUnion('kind', [...primaryDemoFaults, ...cacheDemoFaults, ...mirrorsDemoFaults, ...storageDemoFaults]);
export type DemoFault = z.infer<typeof demoFaultSchema>;

export const demoPrimaryStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  nodes: z.array(z.string()),
  faults: z.object({
    nodesDown: z.array(z.string()),
    slowMs: z.number(),
    serverError: z.boolean(),
    htmlLogin: z.boolean(),
  }),
});
/** The simulated fleet's past being written (issue 17): present only while the back-fill runs. */
export const demoBackfillSchema = z.object({
  /** Days of history the back-fill writes (seven on a fresh start, the gap since the last poll after a restart). */
  days: z.number().positive(),
  /** Share of its polls written so far, 0–100. */
  percent: z.number().int().min(0).max(100),
});
export type DemoBackfillProgress = z.infer<typeof demoBackfillSchema>;
/** The speeds a presenter may pick: real time up to an hour a minute. */
export const DEMO_SPEED_MIN = 1;
export const DEMO_SPEED_MAX = 60;

export const demoStateSchema = z.object({
  speed: z.number().positive(),
  backfill: demoBackfillSchema.optional(),
  primaries: z.array(demoPrimaryStateSchema),
  cache: cacheDemoStateSchema.optional(),
  mirrors: mirrorsDemoStateSchema.optional(),
  storage: storageDemoStateSchema.optional(),
  /** The scenarios a presenter can start (issue 17). */
  scenarios: z.array(scenarioSummarySchema).optional(),
  /** The scenario running now, null when none. */
  scenario: scenarioRunSchema.nullable().optional(),
});
export type DemoState = z.infer<typeof demoStateSchema>;

import { z } from 'zod';
import { ROUTE_VIEWS } from '../logic/route';
import { demoFaultSchema } from './demo';

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A route the app opens for a step, as a hash path (`/mirrors`, `/caches?primary=prod-eu`):
 * the same text a deep link or the address bar takes.
 */
const viewSchema = z
  .string()
  .max(300)
  .refine((v) => new RegExp(`^/(${ROUTE_VIEWS.join('|')})(?:[/?]|$)`).test(v), {
    message: `a view is a route such as /overview, /caches, /mirrors?farm=ID or /storage; it starts with one of /${ROUTE_VIEWS.join(', /')}`,
  });

/** One fault a step switches: `target` is a target's id or its name as the demo fleet shows it. */
export const scenarioFaultSwitchSchema = z
  .object({
    target: text(200),
    fault: demoFaultSchema,
    enabled: z.boolean(),
  })
  .strict();

export const scenarioStepSchema = z
  .object({
    /** Seconds after the previous step (after the start, for the first), or `manual`: waits for Step. */
    when: z.union([z.number().min(0).max(3_600), z.literal('manual')]),
    /** What the audience should look at now. */
    caption: text(400),
    /** The view the app opens for this step when it follows along. */
    view: viewSchema,
    faults: z.array(scenarioFaultSwitchSchema).max(50).default([]),
  })
  .strict();

/** A scenario file (electron/demo/scenarios/*.yaml, docs/demo-scenarios.md). */
export const demoScenarioSchema = z
  .object({
    /** What `--scenario NAME` takes: lower-case words joined by dashes. */
    name: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a name is lower-case letters and digits joined by dashes, e.g. sao-paulo-slow-clones')
      .max(80),
    title: text(120),
    description: text(1_000),
    steps: z.array(scenarioStepSchema).min(1).max(100),
  })
  .strict();
export type DemoScenario = z.infer<typeof demoScenarioSchema>;

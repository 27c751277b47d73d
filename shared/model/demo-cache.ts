import { z } from 'zod';

/** Demo faults of the SCM cache (issue #3) area; each is one z.object with a literal `kind`. */
export const cacheDemoFaults = [] as const;

/** What the demo controls show of this area: which switches exist and which are on. */
export const cacheDemoStateSchema = z.object({}).loose();

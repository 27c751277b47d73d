import { z } from 'zod';

/** Demo faults of the mirror farms (issue #4) area; each is one z.object with a literal `kind`. */
export const mirrorsDemoFaults = [] as const;

/** What the demo controls show of this area: which switches exist and which are on. */
export const mirrorsDemoStateSchema = z.object({}).loose();

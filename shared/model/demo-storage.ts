import { z } from 'zod';

/** Demo faults of the GlusterFS storage (issue #5) area; each is one z.object with a literal `kind`. */
export const storageDemoFaults = [] as const;

/** What the demo controls show of this area: which switches exist and which are on. */
export const storageDemoStateSchema = z.object({}).loose();

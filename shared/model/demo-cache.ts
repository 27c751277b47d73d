import { z } from 'zod';

/** Demo faults of the SCM cache (issue #3) area; each is one z.object with a literal `kind`. */
export const cacheDemoFaults = [
  /** Free disk under the cache falls below the plugin's minimum: caching switches itself off. */
  z.object({ kind: z.literal('cache-disk-full') }),
  /** Pushes pour into the busiest repositories, each invalidating that repository's caches. */
  z.object({ kind: z.literal('cache-push-storm') }),
  /** The plugin wraps its answers (`{"enabled":true}`), adds fields and answers its statistics in plain text. */
  z.object({ kind: z.literal('cache-odd-bodies') }),
] as const;

export const cacheDemoPrimarySchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  /** Ref-advertisement caching exists (before Bitbucket 7.4); its endpoints answer 404 otherwise. */
  refsSupported: z.boolean(),
  /** Whether `GET /caches` lists repositories, or only totals (per repository on demand then). */
  listsRepositories: z.boolean(),
  faults: z.object({ diskFull: z.boolean(), pushStorm: z.boolean(), oddBodies: z.boolean() }),
});

/** What the demo controls show of this area: which switches exist and which are on. */
export const cacheDemoStateSchema = z.object({ primaries: z.array(cacheDemoPrimarySchema) });
export type CacheDemoState = z.infer<typeof cacheDemoStateSchema>;

import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { hostLinkSchema } from '../model/host-link';
import { LINK_REQUEST_NAMES } from './link-names';

/**
 * Schemas of the host-link requests. They are answered by the host this page talks to, never
 * forwarded to a collector: they say and change where that host's fleet comes from.
 */
export const linkRequestSchemas = lazySchemas(
  LINK_REQUEST_NAMES,
  () =>
    ({
      getHostLink: { args: z.object({}).strict(), result: hostLinkSchema },
      /** Desktop only: become a client of a team collector; the token goes to the vault, never to a file or back to the page. */
      connectCollector: {
        args: z
          .object({
            url: z.string().trim().min(1).max(2000),
            token: z.string().min(1).max(4000),
            caFile: z.string().trim().max(4000).optional(),
          })
          .strict(),
        result: hostLinkSchema,
      },
      /** Desktop only: poll the fleet here again; the collector's token is deleted from the vault. */
      disconnectCollector: { args: z.object({}).strict(), result: hostLinkSchema },
    }) as const satisfies Record<(typeof LINK_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);

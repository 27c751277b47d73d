import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { PROBE_REPORTS_KEPT } from '../model/clone-evidence';
import { probeReportSchema } from '../model/probe';
import { PROBE_REQUEST_NAMES } from './probe-names';
import { pathPart } from './repository-requests';

const target = { primaryId: z.string().min(1).max(200).optional(), projectKey: pathPart, repoSlug: pathPart };

/** Schemas of the clone doctor's requests, one entry per name in `PROBE_REQUEST_NAMES`. */
export const probeRequestSchemas = lazySchemas(
  PROBE_REQUEST_NAMES,
  () =>
    ({
      /**
       * Clones a repository with the system's git from every place that serves it (audited, one probe
       * per repository at a time); answers when every endpoint is done, cancelled or timed out.
       */
      probeClone: {
        args: z
          .object({
            ...target,
            /** A full clone instead of a shallow one (`--depth 1`). */
            full: z.boolean().default(false),
            /** Git wire protocol version. */
            protocol: z.union([z.literal(1), z.literal(2)]).default(2),
            /** HTTP(S) endpoints, SSH endpoints (where the primary's config has `ssh`), or both. */
            transport: z.enum(['http', 'ssh', 'both']).default('both'),
            /** Each clone stops once it has received this many MB (decimal). */
            capMB: z.number().int().min(1).max(10_000).default(200),
            /** Each endpoint's ls-remote and clone together must end within this. */
            timeoutSeconds: z.number().int().min(5).max(3_600).default(120),
          })
          .strict(),
        result: z.object({ ok: z.literal(true), auditId: z.string(), report: probeReportSchema }),
      },
      /** Stops the probe of a repository that is running; `cancelled` false when none was. */
      cancelProbe: { args: z.object(target).strict(), result: z.object({ cancelled: z.boolean() }) },
      /**
       * The last probes of a repository on one primary, newest first, as the engine stored them when
       * each finished (kept across restarts in history.db, the last few per repository).
       */
      getProbeHistory: {
        args: z
          .object({
            primaryId: z.string().min(1).max(200),
            projectKey: pathPart,
            repoSlug: pathPart,
            limit: z.number().int().min(1).max(PROBE_REPORTS_KEPT).default(PROBE_REPORTS_KEPT),
          })
          .strict(),
        result: z.object({ reports: z.array(probeReportSchema) }),
      },
    }) as const satisfies Record<(typeof PROBE_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);

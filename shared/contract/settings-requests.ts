import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { connectionReportSchema, primaryInputSchema, settingsSchema } from '../model/settings';
import { SETTINGS_REQUEST_NAMES } from './settings-names';

const idSchema = z.string().min(1).max(200);
/** While the simulated fleet is shown, a save writes the user's own fleet and ends the demo: only with this confirmation. */
const leaveDemo = z.literal(true).optional();

/** Schemas of the Settings requests. */
export const settingsRequestSchemas = lazySchemas(
  SETTINGS_REQUEST_NAMES,
  () =>
    ({
      getSettings: { args: z.object({}).strict(), result: settingsSchema },
      /** Adds or replaces (by id) a primary; secrets typed here go to the vault, never to the file. */
      savePrimary: { args: z.object({ primary: primaryInputSchema, replaces: idSchema.optional(), leaveDemo }).strict(), result: settingsSchema },
      removePrimary: { args: z.object({ id: idSchema }).strict(), result: settingsSchema },
      /** Adds or replaces (by id) a storage source, written as it would be in the config file. */
      saveStorage: {
        args: z
          .object({
            source: z.record(z.string(), z.unknown()),
            replaces: idSchema.optional(),
            /** The exact gluster command line the person confirmed, when the source's command changes (desktop only). */
            confirmedCommand: z.string().max(1000).optional(),
            leaveDemo,
          })
          .strict(),
        result: settingsSchema,
      },
      removeStorage: { args: z.object({ id: idSchema }).strict(), result: settingsSchema },
      /** On the simulated fleet this retunes the demo and writes no file. */
      setPollInterval: { args: z.object({ seconds: z.number().int().min(5).max(3600) }).strict(), result: settingsSchema },
      /** How often mirrors' per-repository detail is swept (0: every poll) and its budget; on the simulated fleet it retunes the demo. */
      setMirrorSweep: {
        args: z.object({ intervalSeconds: z.number().int().min(0).max(86_400), budgetKBps: z.number().int().min(1).max(1_000_000) }).strict(),
        result: settingsSchema,
      },
      /** How often the SCM cache statistics are read at most (0: every poll) and their budget; on the simulated fleet it retunes the demo. */
      setCacheStatistics: {
        args: z.object({ intervalSeconds: z.number().int().min(0).max(86_400), budgetKBps: z.number().int().min(1).max(1_000_000) }).strict(),
        result: settingsSchema,
      },
      /** Checks a primary as entered, before saving: reachability, TLS, version, both credentials. */
      testConnection: { args: z.object({ primary: primaryInputSchema }).strict(), result: connectionReportSchema },
      /** The config file as YAML, never with secrets. */
      exportConfig: { args: z.object({}).strict(), result: z.object({ yaml: z.string() }) },
      importConfig: { args: z.object({ yaml: z.string().min(1).max(1_000_000), leaveDemo }).strict(), result: settingsSchema },
    }) as const satisfies Record<(typeof SETTINGS_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);

import { existsSync, readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';

/**
 * The desktop's own settings, apart from the fleet config file: where its fleet comes from. The
 * collector's token is never here (it is in the vault, under COLLECTOR_TOKEN_NAME).
 */
const appSettingsSchema = z.object({
  version: z.literal(1),
  collector: z.object({ url: z.string().min(1), caFile: z.string().min(1).nullable() }).nullable(),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

/** The vault entry of the team collector's token. */
export const COLLECTOR_TOKEN_NAME = 'collector.token';

export const NO_APP_SETTINGS: AppSettings = { version: 1, collector: null };

/** Reads the file; a missing one means "poll the fleet myself". A damaged one is said, not guessed at. */
export function readAppSettings(file: string): AppSettings {
  if (!existsSync(file)) return NO_APP_SETTINGS;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`The desktop settings file ${file} cannot be read (${(err as Error).message}); move it away to start over.`, { cause: err });
  }
  const parsed = appSettingsSchema.safeParse(doc);
  if (!parsed.success) throw new Error(`The desktop settings file ${file} is not one Fleetscope wrote; move it away to start over.`);
  return parsed.data;
}

export async function writeAppSettings(file: string, settings: AppSettings): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600, fsync: true });
}

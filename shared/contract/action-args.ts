import { z } from 'zod';

/**
 * An admin credential given for one action only: it travels with that action's arguments, is
 * used for its writes and forgotten when the action answers. Never stored, never logged.
 */
export const oneTimeAdminSchema = z
  .object({
    username: z.string().trim().min(1, 'enter the admin user name').max(255),
    password: z.string().min(1, 'enter the admin password').max(4096),
  })
  .strict();
export type OneTimeAdmin = z.infer<typeof oneTimeAdminSchema>;

/** The `admin` argument every action request accepts (see ACTION_REQUEST_NAMES). */
export const adminArg = { admin: oneTimeAdminSchema.optional() };

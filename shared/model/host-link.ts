import { z } from 'zod';

/**
 * Where this Fleetscope's fleet comes from: its own engine polling the fleet, or a team
 * collector it is a client of. `switchable` says whether Settings may change it (the desktop),
 * or whether the command line chose it (`fleetscope serve`, `serve --collector`).
 */
export const hostLinkSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('local'),
    switchable: z.boolean(),
    /** Why this is not the team collector Settings saved (its token left the vault, say); null when nothing went wrong. */
    message: z.string().max(2000).nullable(),
  }),
  z.object({
    mode: z.literal('collector'),
    switchable: z.boolean(),
    /** The collector's origin, e.g. `https://fleetscope.example.com:4780`. */
    url: z.string().max(2000),
    /** What the banner calls it: the collector's host name. */
    name: z.string().max(500),
    caFile: z.string().max(4000).nullable(),
    /** The token's name and role at the collector; null until it has answered once. */
    tokenName: z.string().max(200).nullable(),
    role: z.enum(['admin', 'viewer']).nullable(),
    /** live: the event stream is open; reconnecting: it is not, and retries with backoff; refused: the token was refused, no retry. */
    state: z.enum(['live', 'reconnecting', 'refused']),
    /** When anything last arrived from the collector (an answer, an event, a heartbeat), ms since the epoch. */
    lastContactAt: z.number().nullable(),
    /** What went wrong, for the banner, while not live. */
    message: z.string().max(2000).nullable(),
  }),
]);
export type HostLink = z.infer<typeof hostLinkSchema>;
export type CollectorLink = Extract<HostLink, { mode: 'collector' }>;

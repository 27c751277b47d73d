import { z } from 'zod';
import { snapshotSchema } from './snapshot';

const pathSchema = z.array(z.union([z.string(), z.number().int().min(0)]));

/** One step of a snapshot patch (see shared/logic/json-patch). */
export const patchOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('s'), p: pathSchema, v: z.unknown() }),
  z.object({ op: z.literal('d'), p: pathSchema.min(1) }),
  z.object({ op: z.literal('t'), p: pathSchema, n: z.number().int().min(0) }),
]);

/**
 * The snapshot as the transports carry it: a full copy when a client starts listening, then only
 * what changed since the version it holds. Versions count up per stream; a client that holds
 * another base than a patch names has missed one and asks for a full copy again.
 */
export const snapshotPushSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full'), version: z.number().int().min(1), snapshot: snapshotSchema }),
  z.object({ kind: z.literal('patch'), base: z.number().int().min(1), version: z.number().int().min(2), ops: z.array(patchOpSchema) }),
]);
export type SnapshotPush = z.infer<typeof snapshotPushSchema>;
export type SnapshotFullPush = Extract<SnapshotPush, { kind: 'full' }>;

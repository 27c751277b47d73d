import { z } from 'zod';
import { primarySchema } from './primary';
import { mirrorFarmSchema } from './mirror';
import { storageSourceSchema } from './storage';
import { alertAckSchema, silenceSchema } from './alert-lifecycle';

export const severitySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

export const alertSchema = z.object({
  id: z.string(),
  severity: severitySchema,
  targetId: z.string(),
  title: z.string(),
  message: z.string(),
  since: z.number(),
  /** Set by the alert lifecycle: acknowledged (who, when, note); the alert stays listed, muted. */
  ack: alertAckSchema.nullable().optional(),
  /** Set by the alert lifecycle: the silence muting it now; a silenced alert never notifies. */
  silence: silenceSchema.nullable().optional(),
});
export type Alert = z.infer<typeof alertSchema>;

export const snapshotSchema = z.object({
  generatedAt: z.number(),
  primaries: z.array(primarySchema),
  mirrorFarms: z.array(mirrorFarmSchema),
  storage: z.array(storageSourceSchema),
  alerts: z.array(alertSchema),
  /** Silences in force (not yet expired), so a view can end one (Unsilence). */
  silences: z.array(silenceSchema).optional(),
  engine: z.object({
    startedAt: z.number(),
    pollIntervalSeconds: z.number(),
    /** True when this engine also runs the simulated fleet, so the UI offers demo controls. */
    demo: z.boolean(),
  }),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

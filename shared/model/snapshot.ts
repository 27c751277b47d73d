import { z } from 'zod';
import { primarySchema } from './primary';
import { mirrorFarmSchema } from './mirror';
import { storageSourceSchema } from './storage';

export const severitySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

export const alertSchema = z.object({
  id: z.string(),
  severity: severitySchema,
  targetId: z.string(),
  title: z.string(),
  message: z.string(),
  since: z.number(),
});
export type Alert = z.infer<typeof alertSchema>;

export const snapshotSchema = z.object({
  generatedAt: z.number(),
  primaries: z.array(primarySchema),
  mirrorFarms: z.array(mirrorFarmSchema),
  storage: z.array(storageSourceSchema),
  alerts: z.array(alertSchema),
  engine: z.object({
    startedAt: z.number(),
    pollIntervalSeconds: z.number(),
    /** True when this engine also runs the simulated fleet, so the UI offers demo controls. */
    demo: z.boolean(),
  }),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

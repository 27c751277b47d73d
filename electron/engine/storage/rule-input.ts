import type { QuotaLimit, VolumeHeal, VolumeTask } from '../../../shared/model';
import type { StorageThresholds } from '../config/storage-config-schema';
import type { GlusterVolumeInfo } from './gluster-types';
import type { VolumeLayout } from './volume-model';

/** What the volume rules (volume-rules.ts and content-rules.ts) read of one volume. */
export interface VolumeRuleInput {
  info: GlusterVolumeInfo;
  layout: VolumeLayout;
  /** `volume status` answered for this volume (bricks are known). */
  statusRead: boolean;
  /** Expected to run: named in expectedVolumes, or seen started before. */
  expected: boolean;
  heal: VolumeHeal;
  /** Seconds the backlog has gone without falling, when it is not zero. */
  healStuckSeconds: number | null;
  /** Bricks the latest heal crawl could not reach although `volume status` shows the same process online. */
  healUnreachable: string[];
  /** Peers known to be disconnected: their daemons are missing from status for that reason (brick-unknown says so). */
  disconnectedPeers: ReadonlySet<string>;
  quota: QuotaLimit[] | null;
  tasks: VolumeTask[];
  thresholds: StorageThresholds;
}

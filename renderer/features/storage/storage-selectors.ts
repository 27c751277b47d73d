import type { StorageSource, Volume, VolumeVerdict } from '../../../shared/model';
import type { FleetState } from '../../state/fleet.store';

/** Builds a new array each call: read it through `useShallow`. */
export const selectStorageIds = (s: FleetState): string[] => s.snapshot?.storage.map((x) => x.id) ?? [];

export const selectStorageSource =
  (id: string) =>
  (s: FleetState): StorageSource | undefined =>
    s.snapshot?.storage.find((x) => x.id === id);

export const selectVolume =
  (sourceId: string, name: string) =>
  (s: FleetState): Volume | undefined =>
    s.snapshot?.storage.find((x) => x.id === sourceId)?.volumes.find((v) => v.name === name);

/** `[sourceId, volume name, verdict]` per volume. Builds a new array each call: read it through `useShallow`. */
export const selectVolumeVerdicts = (s: FleetState): string[] =>
  (s.snapshot?.storage ?? []).flatMap((src) => src.volumes.map((v) => `${src.id}\u0000${v.name}\u0000${v.verdict}`));

export const VERDICT_LABEL: Record<VolumeVerdict, string> = { ok: 'OK', degraded: 'Degraded', critical: 'Critical', unknown: 'Unknown' };

/** The status colour each verdict borrows (critical wears the "down" colour). */
export const VERDICT_TONE: Record<VolumeVerdict, 'up' | 'degraded' | 'down' | 'unknown'> = {
  ok: 'up',
  degraded: 'degraded',
  critical: 'down',
  unknown: 'unknown',
};

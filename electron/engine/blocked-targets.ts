import type { Alert, Primary, StorageSource } from '../../shared/model';
import { initialPrimary } from './bitbucket/primary-poller';
import type { FleetConfig, PrimaryConfig } from './config/fleet-config-schema';
import type { StorageSourceConfig } from './config/storage-config-schema';
import { initialStorageSource } from './storage/storage-source';

/** A config split into what can be polled and the targets the loader marked with an error. */
export interface SplitConfig {
  pollable: FleetConfig;
  primaries: Array<{ config: PrimaryConfig; message: string }>;
  storage: Array<{ config: StorageSourceConfig; message: string }>;
}

/** Separates the targets `config.targetErrors` names (unresolvable secrets) from the rest. */
export function splitBlocked(config: FleetConfig): SplitConfig {
  const errors = config.targetErrors ?? {};
  const blocked = (id: string): boolean => Object.hasOwn(errors, id);
  return {
    pollable: { ...config, primaries: config.primaries.filter((p) => !blocked(p.id)), storage: config.storage.filter((s) => !blocked(s.id)) },
    primaries: config.primaries.filter((p) => blocked(p.id)).map((p) => ({ config: p, message: errors[p.id]! })),
    storage: config.storage.filter((s) => blocked(s.id)).map((s) => ({ config: s, message: errors[s.id]! })),
  };
}

/** A primary that is not polled because its config cannot be used: unknown, saying why. */
export function blockedPrimary(config: PrimaryConfig, pollIntervalSeconds: number, message: string, at: number): Primary {
  return {
    ...initialPrimary(config, pollIntervalSeconds),
    statusMessage: message,
    lastError: { code: 'auth', message, httpStatus: null, at },
  };
}

/** A storage source that is not polled because its config cannot be used: unknown, saying why. */
export function blockedStorage(config: StorageSourceConfig, pollIntervalSeconds: number, message: string, at: number): StorageSource {
  const g = config.gluster;
  const where = {
    transport: 'ssh' in g ? ('ssh' as const) : ('local' as const),
    endpoint: 'ssh' in g ? `${g.ssh.username}@${g.ssh.host}:${g.ssh.port}` : [g.local.command].flat().join(' '),
  };
  return initialStorageSource(config, where, config.pollIntervalSeconds ?? pollIntervalSeconds, {
    statusMessage: message,
    lastError: { code: 'auth', message, httpStatus: null, at },
  });
}

/** One warning per blocked target, so the alert list says what needs fixing. */
export function blockedAlert(target: { id: string; name: string }, message: string, since: number): Alert {
  return { id: `${target.id}:config`, severity: 'warning', targetId: target.id, title: `${target.name} is not polled`, message, since };
}

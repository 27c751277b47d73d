import type { Alert, Primary, StorageSource } from '../../shared/model';
import { initialPrimary } from './bitbucket/primary-poller';
import type { FleetConfig, PrimaryConfig } from './config/fleet-config-schema';
import type { StorageSourceConfig } from './config/storage-config-schema';

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
  return {
    id: config.id,
    name: config.name,
    status: 'unknown',
    statusMessage: message,
    transport: 'ssh' in g ? 'ssh' : 'local',
    endpoint: 'ssh' in g ? `${g.ssh.username}@${g.ssh.host}:${g.ssh.port}` : [g.local.command].flat().join(' '),
    lastPollAt: null,
    lastSuccessAt: null,
    stale: false,
    lastError: { code: 'auth', message, httpStatus: null, at },
    pollIntervalSeconds: config.pollIntervalSeconds ?? pollIntervalSeconds,
    healIntervalSeconds: config.healIntervalSeconds,
    pollDurationMs: null,
    commandsLastPoll: null,
    opVersion: null,
    maxOpVersion: null,
    peers: null,
    geoReplication: null,
    volumes: [],
    findings: [],
  };
}

/** One warning per blocked target, so the alert list says what needs fixing. */
export function blockedAlert(target: { id: string; name: string }, message: string, since: number): Alert {
  return { id: `${target.id}:config`, severity: 'warning', targetId: target.id, title: `${target.name} is not polled`, message, since };
}

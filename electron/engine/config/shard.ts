import { createHash } from 'node:crypto';
import type { FleetConfig } from './fleet-config-schema';

/** One of `count` collectors sharing a fleet; `index` counts from 1, as `--shard 2/4` says it. */
export interface Shard {
  index: number;
  count: number;
}

/** Reads `--shard I/N` (1 ≤ I ≤ N ≤ 1000). */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(index >= 1 && count >= 1 && index <= count && count <= 1000)) {
    throw new Error(`--shard takes I/N, this collector's share of N (for example 2/4), with 1 ≤ I ≤ N ≤ 1000; not "${text}".`);
  }
  return { index, count };
}

/**
 * Whether a target belongs to this shard: a stable hash of its id (the first 32 bits of its
 * SHA-256), so every collector agrees without talking to the others and a target stays on its
 * collector across restarts and config edits.
 */
export function inShard(targetId: string, shard: Shard): boolean {
  const h = createHash('sha256').update(targetId).digest().readUInt32BE(0);
  return h % shard.count === shard.index - 1;
}

/** The part of the fleet this collector polls: its primaries (their mirror farms follow them) and storage sources. */
export function shardConfig(config: FleetConfig, shard: Shard | undefined): FleetConfig {
  if (!shard || shard.count === 1) return config;
  return { ...config, primaries: config.primaries.filter((p) => inShard(p.id, shard)), storage: config.storage.filter((s) => inShard(s.id, shard)) };
}

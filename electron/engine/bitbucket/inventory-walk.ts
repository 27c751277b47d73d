import type { RepositoryCounts } from '../../../shared/model';
import type { PrimaryConfig } from '../config/fleet-config-schema';
import type { BitbucketClient } from '../http/bitbucket-client-contract';
import { INVENTORY_PAGE } from './inventory';
import { inventoryRead } from './inventory-reader';
import type { InventoryTable } from './inventory-table';
import { settle, type Settled } from './settle';
import { startMark } from '../start-marks';

/** Repositories a page of the inventory, Bitbucket's largest page: the fewest round trips a walk. */
export const INVENTORY_PAGE_SIZE = 1000;

/** What the primary's status keeps of a walk: its outcome, not its repositories. */
export interface WalkSummary {
  counts: RepositoryCounts;
  pages: number;
  truncated: boolean;
}

/** One walk of the inventory as it ended: when, how long it took, and what it read. */
export interface WalkOutcome {
  result: Settled<WalkSummary>;
  at: number;
  durationMs: number;
}

export interface InventoryWalkContext {
  config: PrimaryConfig;
  client: BitbucketClient;
  signal: AbortSignal;
  now: () => number;
}

/**
 * One walk of a primary's repository inventory (`/rest/api/1.0/repos`, page after page) as
 * background work: its own scheduled job, so the primary's regular poll never waits for it (issue
 * 13: the first walk of 50 pages made every primary's first poll overrun).
 */
export async function walkInventory(ctx: InventoryWalkContext): Promise<{ outcome: WalkOutcome; table: InventoryTable | null }> {
  const { client, config, signal } = ctx;
  const started = ctx.now();
  startMark('first inventory walk started');
  let table: InventoryTable | null = null;
  const result = await settle(ctx.now, async () => {
    const read = inventoryRead(config.id);
    try {
      const walked = await client.eachPage(
        '/rest/api/1.0/repos',
        {
          auth: 'read',
          signal,
          limit: INVENTORY_PAGE_SIZE,
          query: { archived: 'ALL' },
          lean: INVENTORY_PAGE,
          kind: 'background',
          overlap: true,
          ...(read.readBytes ? { readBytes: read.readBytes } : {}),
        },
        read.page,
      );
      const done = await read.finish();
      table = done.table;
      return { value: { counts: done.counts, pages: walked.pages, truncated: walked.truncated }, durationMs: walked.durationMs };
    } finally {
      read.drop();
    }
  });
  const at = ctx.now();
  startMark('first inventory walk ended');
  return { outcome: { result, at, durationMs: at - started }, table };
}

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { RepositoryCounts } from '../../../shared/model';
import { keepHeapFlags } from '../heap-flags';
import type { ReadBytes } from '../http/bitbucket-client-contract';
import { recyclePageBuffer } from '../http/page-buffers';
import { inventoryFold } from './inventory';
import { transferable, type InventoryAnswer, type InventoryRequest } from './inventory-pages';
import { InventoryTable } from './inventory-table';
import { startMark } from '../start-marks';

let workerScript: string | null = null;

/**
 * Where the bundled reader thread (`dist-electron/inventory-worker.cjs`) is: set by the CLI and the
 * desktop's entry points, as for the access-log worker (access-log/range-runner.ts). Unset (code
 * run from source), the inventory is read on the engine's event loop.
 */
export function useInventoryWorker(script: string): void {
  workerScript = existsSync(script) ? script : null;
}

/** One primary's inventory walk: how its pages are read and folded, and its table at the end. */
export interface InventoryRead {
  /** Present when a reader thread reads the pages (GetPagedOptions.readBytes). */
  readBytes?: ReadBytes;
  /** Folds repositories read on this thread. */
  page: (values: readonly unknown[]) => void | Promise<void>;
  finish: () => Promise<{ table: InventoryTable; counts: RepositoryCounts }>;
  /** Forgets a walk that did not finish. */
  drop: () => void;
}

/**
 * The reader thread every primary's walk shares (issue 13 goal 3: at 20,000 repositories a
 * primary, reading and folding the pages was ≈ 55 % of the engine's CPU, all on its one event
 * loop). Answers come in the order asked. It keeps the process alive only while it owes answers.
 */
class ReaderThread {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (a: InventoryAnswer) => void; reject: (e: Error) => void }[] = [];
  stopped: Error | null = null;

  constructor(script: string) {
    this.worker = new Worker(script);
    keepHeapFlags(this.worker);
    this.worker.once('online', () => startMark('inventory reader thread online'));
    this.worker.on('message', (a: InventoryAnswer) => {
      this.waiting.shift()?.resolve(a);
      if (this.waiting.length === 0) this.worker.unref();
    });
    this.worker.on('error', (err) => this.stop(err));
    this.worker.on('exit', (code) => this.stop(new Error(`exit ${code}`)));
    // After the listeners: adding a 'message' listener refs the worker again.
    this.worker.unref();
  }

  ask(m: InventoryRequest, transfer: ArrayBuffer[] = []): Promise<InventoryAnswer> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) this.worker.ref();
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(m, transfer);
    });
  }

  private stop(cause: Error): void {
    this.stopped ??= new Error(
      `The inventory's reader thread stopped (${cause.message}) while reading repository pages; the next inventory read starts a new one. If this repeats, report it with the log.`,
      { cause },
    );
    if (thread === this) thread = null;
    for (const w of this.waiting.splice(0)) w.reject(this.stopped);
  }
}

let thread: ReaderThread | null = null;
let walks = 0;

/**
 * Starts the reader thread now rather than at the first walk, when there is one to start: booting
 * a thread (a Node environment of its own) took ≈ 0.4 s of wall time at load 8 between the first
 * walk's start and its first page, and the first repository count waits for that page (issue 13
 * item 7). Started while the host's modules load, the boot runs on the other core meanwhile. An
 * idle thread does not keep the process alive.
 */
export function startInventoryReader(): void {
  if (workerScript !== null) thread ??= new ReaderThread(workerScript);
}

function unexpected(a: InventoryAnswer): Error {
  const detail = a.type === 'failed' ? a.message : `an answer of type ${a.type}`;
  return new Error(`The inventory's reader thread failed (${detail}). This is a bug; please report it with the log.`);
}

/**
 * A walk read by the reader thread when there is one, else on this thread (tests, code run from
 * source). `key` names whose inventory it is (a primary): the thread reuses what it read of that
 * key's last walk for pages whose bytes did not change (inventory-pages.ts).
 */
export function inventoryRead(key?: string): InventoryRead {
  if (workerScript === null) {
    const fold = inventoryFold();
    return { page: (values) => void fold.page(values), finish: () => Promise.resolve({ table: fold.table, counts: fold.counts() }), drop: () => undefined };
  }
  const t = (thread ??= new ReaderThread(workerScript));
  const walk = ++walks;
  let open = true;
  return {
    readBytes: async (body, start, encoding, maxBytes) => {
      startMark('first inventory page received');
      const a = await t.ask({ type: 'page', walk, body, start, key, encoding, maxBytes }, transferable(body));
      startMark('first inventory page read by the reader thread');
      if (a.type === 'page') {
        if (a.spare) recyclePageBuffer(a.spare);
        return { body: { isLastPage: a.isLastPage, nextPageStart: a.nextPageStart, values: [] } };
      }
      if (a.type === 'refused') return { refused: Buffer.from(a.body.buffer, a.body.byteOffset, a.body.length), encoding: a.encoding };
      throw unexpected(a);
    },
    page: async (values) => {
      // A page the thread read is folded there already, and the walk hands it over empty.
      if (values.length === 0) return;
      const a = await t.ask({ type: 'values', walk, values, key });
      if (a.type !== 'done') throw unexpected(a);
    },
    finish: async () => {
      open = false;
      const a = await t.ask({ type: 'end', walk, key });
      if (a.type !== 'end') throw unexpected(a);
      return { table: InventoryTable.fromColumns(a.columns), counts: a.counts };
    },
    drop: () => {
      if (!open) return;
      open = false;
      // A thread that stopped has forgotten the walk with everything else; nothing is left to drop.
      t.ask({ type: 'drop', walk }).catch(() => undefined);
    },
  };
}

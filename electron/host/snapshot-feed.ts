import type { SnapshotFullPush, SnapshotPush } from '../../shared/model/snapshot-push';
import type { Snapshot } from '../../shared/model/snapshot';
import { diffJson } from '../../shared/logic/json-patch';
import type { HostCore } from './host-types';
import { startMark } from '../engine/start-marks';

/** A one-shot timer; returns its cancel. Injected so tests run the coalescing without waiting. */
export type SetTimer = (run: () => void, ms: number) => () => void;

export interface SnapshotFeedOptions {
  /** Pushes are at least this far apart: every target's publish within it goes out as one patch. */
  minIntervalMs?: number;
  now?: () => number;
  setTimer?: SetTimer;
  log?: (line: string) => void;
}

export interface SnapshotFeed {
  /**
   * The full copy a client starts from, at the version the next patch builds on. Before the
   * host has published anything it asks the host for its snapshot once.
   */
  current(): Promise<SnapshotFullPush | null>;
  /** Hear every push after `current()`: patches, or a full copy if the feed had nothing to diff against. */
  onPush(listener: (push: SnapshotPush) => void): () => void;
  stop(): void;
}

export const PUSH_MIN_INTERVAL_MS = 1000;

const defaultTimer: SetTimer = (run, ms) => {
  const t = setTimeout(run, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

/** Primaries with a repository count. Test doubles publish snapshots without primaries. */
const counted = (s: { primaries?: Snapshot['primaries'] }): string[] => (s.primaries ?? []).filter((p) => Boolean(p.repositories)).map((p) => p.id);

/** Whether `next` has a repository count for a primary that `sent` had none for. */
const bringsFirstCount = (sent: Snapshot, next: Snapshot): boolean => {
  const known = new Set(counted(sent));
  return counted(next).some((id) => !known.has(id));
};

/**
 * Turns a host's snapshot events (one per target publish, 1–2 a second on a busy fleet) into at
 * most one push per `minIntervalMs`, carrying only what changed since the previous push. One
 * feed serves every client of a transport, so each diff is computed once; a client joins with
 * `current()` and then takes the same patches as everyone else.
 */
export function createSnapshotFeed(host: Pick<HostCore, 'on' | 'dispatch'>, opts: SnapshotFeedOptions = {}): SnapshotFeed {
  const minIntervalMs = opts.minIntervalMs ?? PUSH_MIN_INTERVAL_MS;
  const now = opts.now ?? Date.now;
  const setTimer = opts.setTimer ?? defaultTimer;
  const listeners = new Set<(push: SnapshotPush) => void>();
  // What the clients hold now. A copy: the host's objects are its own to change.
  let sent: { version: number; snapshot: Snapshot } | null = null;
  let pending: Snapshot | null = null;
  let cancel: (() => void) | null = null;
  let lastPushAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;

  let countPushed = false;
  const emit = (push: SnapshotPush, snapshot: Snapshot): void => {
    // For the first-data benchmark: when the clients got a repository count.
    if (!countPushed && counted(snapshot).length > 0) {
      countPushed = true;
      startMark('first push with a repository count');
    }
    for (const l of [...listeners]) l(push);
  };

  const flush = (firstCount = false): void => {
    cancel = null;
    // A timer may fire a hair early by this clock: wait out the rest so the window always holds.
    const early = lastPushAt + minIntervalMs - now();
    if (early > 0 && !firstCount) {
      cancel = setTimer(flush, early);
      return;
    }
    const next = pending;
    pending = null;
    if (!next) return;
    if (!sent) {
      sent = { version: 1, snapshot: structuredClone(next) };
      lastPushAt = now();
      startMark('first full push');
      emit({ kind: 'full', ...sent }, next);
      return;
    }
    const ops = diffJson(sent.snapshot, next);
    // Nothing changed, nothing sent: bytes follow change, not the poll rate.
    if (ops.length === 0) return;
    const base = sent.version;
    sent = { version: base + 1, snapshot: structuredClone(next) };
    // Taken after the diff, so the window runs from when clients got the push, not from when it began.
    lastPushAt = now();
    emit({ kind: 'patch', base, version: sent.version, ops }, next);
  };

  const off = host.on('snapshot', (snapshot) => {
    pending = snapshot;
    // A primary's first repository count is what a person starting Fleetscope waits for: it does
    // not wait out the window of the push before it (the polling state, up to 1 s; issue 13 item 7).
    if (sent && bringsFirstCount(sent.snapshot, snapshot)) {
      cancel?.();
      flush(true);
      return;
    }
    if (cancel) return;
    cancel = setTimer(flush, Math.max(0, lastPushAt + minIntervalMs - now()));
  });

  const load = async (): Promise<void> => {
    const before = pending;
    const outcome = await host.dispatch('getSnapshot', {});
    if (!outcome.ok) {
      opts.log?.(`Could not read the snapshot to start a client from (${outcome.error.message}); it gets the next one pushed.`);
      return;
    }
    // A publish that arrived meanwhile is newer than this answer; one waiting from before is older,
    // and pushing it after this answer would step the clients back.
    if (sent) return;
    sent = { version: 1, snapshot: structuredClone(outcome.value as Snapshot) };
    if (before !== null && pending === before) pending = null;
  };

  return {
    async current() {
      if (!sent) {
        loading ??= load().finally(() => {
          loading = null;
        });
        await loading;
      }
      return sent ? { kind: 'full', version: sent.version, snapshot: sent.snapshot } : null;
    },
    onPush(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    stop() {
      off();
      cancel?.();
      cancel = null;
      listeners.clear();
    },
  };
}

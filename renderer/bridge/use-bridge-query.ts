import { notifyManager, QueryClient, useQuery, type QueryKey } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { Bridge } from './api';
import { useBridge } from './bridge-context';

/**
 * Every read the renderer starts (history, tables, details, the audit log, Settings) goes through
 * TanStack Query: it discards answers that arrive for a key no longer shown, shares one answer
 * between components that ask the same, keeps the last good answer through a failed re-read and
 * while the next key loads. Pushed data (the snapshot) does not: it arrives through the stores.
 */
const clients = new WeakMap<Bridge, QueryClient>();

// An answer is rendered as soon as its promise settles, as a plain `.then` would, not a whole
// task later (TanStack's default): a table filled by an answer never shows a frame without it.
notifyManager.setScheduler(queueMicrotask);

/** One cache of answers per bridge, so a test's fake bridge never sees another test's answers. */
export function queryClientOf(bridge: Bridge): QueryClient {
  let client = clients.get(bridge);
  if (!client) {
    client = new QueryClient({
      defaultOptions: {
        queries: {
          // A read that failed is shown as failed; the next poll asks again anyway.
          retry: false,
          // The snapshot push says when data changed; focus and reconnect say nothing about it.
          refetchOnWindowFocus: false,
          refetchOnReconnect: false,
          // Tables of 50,000 rows: comparing them deeply costs more than a re-render.
          structuralSharing: false,
        },
      },
    });
    clients.set(bridge, client);
  }
  return client;
}

export interface BridgeQueryOptions<T> {
  /** What the answer is of: a new key starts empty (unless `keepPrevious`). */
  key: QueryKey;
  /**
   * Values whose change means "ask again" without changing what is shown — the poll that
   * updated the data, the pixel width of a chart. The last answer stays until the new one comes.
   */
  refreshOn?: readonly unknown[];
  /** Names the data for people: "Loading the audit log…", "Could not read the audit log: …". */
  what: string;
  read(bridge: Bridge): Promise<T>;
  /** False: nothing is asked (yet), and nothing is loading. */
  enabled?: boolean;
  /** Show the previous key's answer, marked stale, while a new key loads (filtered tables). */
  keepPrevious?: boolean;
  /** An answer younger than this is shared instead of asked again (default: always ask on mount). */
  freshForMs?: number;
  /**
   * A refresh asked while a read is in flight lets that read finish and asks again after it,
   * instead of dropping it for a new one: a read slower than the polls (a slow primary) still
   * gets an answer shown.
   */
  finishInFlight?: boolean;
}

export interface BridgeQuery<T> {
  /** The answer shown, or null before the first one. */
  data: T | null;
  /** Nothing to show yet for this key, and an answer is on its way. */
  loading: boolean;
  /** What is shown is an earlier answer: of the previous key, or the last good one before a failed re-read. */
  stale: boolean;
  /** What went wrong with the last read, in words: "Could not read the audit log: …". */
  error: string | null;
  what: string;
  /** Puts an answer in place without asking (a write answered with the new state). */
  replace(data: T): void;
  /** Asks again now, keeping what is shown until the answer comes. */
  refresh(): void;
}

/** The one error text of a failed read. */
export const readErrorMessage = (what: string, err: unknown): string => `Could not read ${what}: ${err instanceof Error ? err.message : String(err)}`;

/** An answer with the key it answers, so one shown under a later key can be told apart. */
type Tagged<T> = { of: string; value: T };

/** A read over the bridge with its loading, error and stale states; see `BridgeQueryOptions`. */
export function useBridgeQuery<T>(opts: BridgeQueryOptions<T>): BridgeQuery<T> {
  const bridge = useBridge();
  const client = queryClientOf(bridge);
  const { key, refreshOn = [], what, read, enabled = true, keepPrevious = false, freshForMs, finishInFlight = false } = opts;
  const identity = JSON.stringify(key);
  const q = useQuery<Tagged<T>>(
    {
      queryKey: key,
      queryFn: () => read(bridge).then((value) => ({ of: identity, value })),
      enabled,
      staleTime: freshForMs ?? 0,
      // Answers nobody shows are dropped at once, unless they are meant to be shared a while.
      gcTime: freshForMs ?? 0,
      placeholderData: (previous) => (keepPrevious ? previous : undefined),
    },
    client,
  );
  // A refresh keeps the key (and what is shown) and asks again; a new key is read by itself.
  const refreshSignature = JSON.stringify(refreshOn);
  const asked = useRef({ identity, refreshSignature });
  const { refetch } = q;
  const fetching = q.fetchStatus === 'fetching';
  const askAfter = useRef(false);
  useEffect(() => {
    const last = asked.current;
    asked.current = { identity, refreshSignature };
    if (last.identity !== identity) askAfter.current = false;
    else if (last.refreshSignature !== refreshSignature && enabled) {
      if (finishInFlight && fetching) askAfter.current = true;
      else void refetch();
    } else if (askAfter.current && !fetching) {
      // The read that was in flight when a refresh was asked has ended: ask now.
      askAfter.current = false;
      if (enabled) void refetch();
    }
  }, [identity, refreshSignature, enabled, refetch, finishInFlight, fetching]);
  const replace = useCallback((value: T) => client.setQueryData<Tagged<T>>(JSON.parse(identity) as QueryKey, { of: identity, value }), [client, identity]);
  const tagged = q.data;
  const data = tagged?.value ?? null;
  return {
    data,
    loading: enabled && tagged === undefined && q.fetchStatus === 'fetching',
    stale: tagged !== undefined && (tagged.of !== identity || q.isError),
    error: q.error ? readErrorMessage(what, q.error) : null,
    what,
    replace,
    refresh: () => void refetch(),
  };
}

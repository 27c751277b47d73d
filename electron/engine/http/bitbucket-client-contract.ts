import type { HostLimiter, RequestClass } from '../scheduler/host-limiter';
import type { BodyEncoding } from './content-encoding';
import type { DispatcherPool, ProxyChoice } from './dispatchers';
import type { FleetError } from './fleet-error';
import type { LeanShape } from './lean-json';
import type { BodyShape } from './response-body';
import type { Query } from './url';

// What callers of the Bitbucket client (bitbucket-client.ts) give it and get back: its options,
// answers and the client's own interface, apart from how it sends and retries.

export type Credential = { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

export interface RequestInfo {
  method: string;
  url: string;
  status: number | null;
  durationMs: number;
  error?: FleetError;
}

export interface BitbucketClientOptions {
  baseUrl: string;
  read?: Credential;
  admin?: Credential;
  caPem?: string;
  /** How to reach the origin: the environment's proxy (default), a given proxy, or directly. */
  proxy?: ProxyChoice;
  timeoutMs: number;
  /** Default 16 MiB. */
  maxBodyBytes?: number;
  dispatchers: DispatcherPool;
  limiter: HostLimiter;
  /** Called once per HTTP attempt (a retried 429 is two calls); not called for caller aborts. */
  onRequest?: (info: RequestInfo) => void;
}

export interface JsonResponse {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  durationMs: number;
  /** Length of the body as received (bytes), for byte budgets. */
  bytes?: number;
}

export interface GetJsonOptions {
  query?: Query;
  auth?: 'read' | 'admin' | 'none';
  signal?: AbortSignal;
  allowStatus?: number[];
  /**
   * Build only these parts of a 2xx JSON body (lean-json.ts), or read its bytes with this function;
   * the whole body is parsed when it throws LeanJsonError.
   */
  lean?: BodyShape;
  /** `background` for walks that may wait for the regular cycle (see RequestClass); default `regular`. */
  kind?: RequestClass;
}

export interface GetPagedOptions {
  query?: Query;
  limit?: number;
  maxPages?: number;
  auth?: 'read' | 'admin';
  signal?: AbortSignal;
  /** Also accept a bare array or a single entity instead of a page (see WalkOptions.acceptUnpaged). */
  acceptUnpaged?: boolean;
  /** The parts of each page to build (see GetJsonOptions.lean). */
  lean?: LeanShape;
  /** `background` for walks that may wait for the regular cycle (see RequestClass); default `regular`. */
  kind?: RequestClass;
  /**
   * Ask for the next page before this one is read, at the start its last bytes name (paging.ts):
   * reading overlaps the next round trip. Not for a walk whose `onPage` paces it.
   */
  overlap?: boolean;
  /**
   * With `overlap`: reads a 2xx page's bytes elsewhere (the inventory's reader thread), given the
   * page's start; answers the page to check, or the bytes back to be read here the ordinary way.
   * The bytes given may be moved to another thread: only the bytes answered are used after.
   */
  readBytes?: ReadBytes;
}

/**
 * Reads a page's bytes as received (`encoding` 'gzip': still compressed, to inflate to at most
 * `maxBytes`, the client's cap on a body) elsewhere; answers the page, or its bytes back (inflated
 * unless `encoding` says they could not be) to be read here.
 */
export type ReadBytes = (
  body: Buffer,
  start: number,
  encoding: BodyEncoding | null,
  maxBytes: number,
) => Promise<{ body: unknown } | { refused: Buffer; encoding: BodyEncoding | null }>;

export interface PagedResult {
  values: unknown[];
  pages: number;
  truncated: boolean;
  /** Time in the exchanges themselves (ms), without waiting for a request slot. */
  durationMs?: number;
}

/** What a page-by-page walk reports once its last page is folded in; no page is kept. */
export interface PagesWalked {
  pages: number;
  truncated: boolean;
  /** Time in the exchanges themselves (ms), without waiting for a request slot. */
  durationMs: number;
  /** Sum of the pages' body lengths. */
  bytes: number;
}

export interface WriteOptions {
  body?: unknown;
  signal?: AbortSignal;
  query?: Query;
  /** The admin credential of this one action, instead of the configured one. */
  admin?: Credential;
}

export interface BitbucketClient {
  readonly origin: string;
  /** GET a JSON resource. Non-2xx → throws FleetError unless the status is in `allowStatus` (then returns it). */
  getJson(path: string, opts?: GetJsonOptions): Promise<JsonResponse>;
  /** Walk a paged resource by nextPageStart; stops at maxPages and says so via `truncated`. */
  getPaged(path: string, opts?: GetPagedOptions): Promise<PagedResult>;
  /**
   * Walk a paged resource handing each page's entities to `onPage` before the next page is read,
   * keeping none of them: the caller reduces each page to what it uses (issue #13).
   */
  eachPage(path: string, opts: GetPagedOptions, onPage: (values: readonly unknown[], page: { bytes: number }) => void | Promise<void>): Promise<PagesWalked>;
  /** POST/PUT/DELETE with the ADMIN credential, X-Atlassian-Token: no-check, JSON body when given. Never retried. */
  write(method: 'POST' | 'PUT' | 'DELETE', path: string, opts?: WriteOptions): Promise<JsonResponse>;
}

import { FleetError } from './fleet-error';
import type { Query } from './url';

interface PageAnswer {
  status: number;
  durationMs?: number;
  bytes?: number;
  /** The page parsed; or, for a page read late (see `read`), unused. */
  body?: unknown;
  /**
   * The page parsed when called, for a walk that asks for the next page first: `nextStart` is then
   * the next page's start as the page's first and last bytes give it (page-peek.ts), or null.
   */
  read?: () => unknown;
  nextStart?: number | null;
}

interface PageFetch {
  (query: Query, signal?: AbortSignal): Promise<PageAnswer>;
}

export interface WalkOptions {
  /** URL of the resource (without paging parameters), for messages. */
  url: string;
  query: Query;
  limit: number;
  maxPages: number;
  /**
   * Also accept an answer that is not a page: a bare JSON array of entities, or one entity object.
   * For resources whose published description disagrees with itself (reference §4.12: Atlassian's
   * API description shows `GET /rest/mirroring/latest/repos` as a single object, its narrative as a page).
   */
  acceptUnpaged?: boolean;
  /**
   * Given each page's entities before the next page is read; awaited, so a caller can also pace
   * the walk. The walk keeps no page: once this returns, the page's parsed graph can be collected.
   * When the fetch gives `nextStart`, the next page is already asked for while this runs.
   */
  onPage: (values: readonly unknown[], page: { bytes: number }) => void | Promise<void>;
}

/** A page asked for before the page before it was read. */
interface Ahead {
  start: number;
  answer: Promise<PageAnswer>;
  controller: AbortController;
}

/**
 * Walk Bitbucket's paging envelope (reference §1.6): the next `start` is the page's
 * `nextPageStart`, never `start + size`, because the server may skip or cap.
 *
 * A fetch that reads its pages late (`read`, `nextStart`) overlaps the network with the reading
 * (issue 13 goal 3): the next page is asked for at the start its bytes name, and used only when
 * the parsed page names the same start; otherwise that request is aborted and the walk goes on
 * exactly as without it.
 */
export async function walkPages(fetchPage: PageFetch, o: WalkOptions): Promise<{ pages: number; truncated: boolean; durationMs: number; bytes: number }> {
  const maxPages = Math.max(1, Math.floor(o.maxPages));
  const limit = Math.max(1, Math.floor(o.limit));
  let start = 0;
  // Time spent in the exchanges themselves, not queued behind other requests for the same host.
  let durationMs = 0;
  let bytes = 0;
  let ahead: Ahead | null = null;
  try {
    for (let pages = 1; ; pages++) {
      const pending = ahead?.answer ?? fetchPage({ ...o.query, start, limit });
      ahead = null;
      const res = await pending;
      durationMs += res.durationMs ?? 0;
      bytes += res.bytes ?? 0;
      const early = res.nextStart;
      if (typeof early === 'number' && early > start && pages < maxPages && !(o.acceptUnpaged && pages === 1)) {
        ahead = askAhead(fetchPage, { ...o.query, start: early, limit }, early);
      }
      const body = res.read ? await res.read() : res.body;
      if (o.acceptUnpaged && pages === 1) {
        const whole = unpaged(body);
        if (whole !== null) {
          await o.onPage(whole, { bytes: res.bytes ?? 0 });
          return { pages, truncated: false, durationMs, bytes };
        }
      }
      const page = checkPage(body, pages, o.url, res.status);
      await o.onPage(page.values, { bytes: res.bytes ?? 0 });
      if (page.isLastPage) return { pages, truncated: false, durationMs, bytes };
      const next = page.nextPageStart;
      if (typeof next !== 'number' || !Number.isInteger(next) || next <= start) {
        throw malformed(o.url, pages, `isLastPage is false but nextPageStart is ${JSON.stringify(next) ?? 'missing'} after start ${start}`, {
          body,
          status: res.status,
        });
      }
      if (pages >= maxPages) return { pages, truncated: true, durationMs, bytes };
      if (ahead && ahead.start !== next) {
        ahead.controller.abort(new Error('The page asked for ahead was not the next page'));
        ahead = null;
      }
      start = next;
    }
  } finally {
    ahead?.controller.abort(new Error('The walk ended before the page asked for ahead was read'));
  }
}

function askAhead(fetchPage: PageFetch, query: Query, start: number): Ahead {
  const controller = new AbortController();
  const answer = fetchPage(query, controller.signal);
  // Its failure is seen where the walk awaits it; a request the walk dropped fails by our own abort.
  answer.catch(() => undefined);
  return { start, answer, controller };
}

/** The entities of an answer that is not a paging envelope, or null when it is one (or is neither). */
function unpaged(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body as unknown[];
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  // A page has `values` and `isLastPage`; anything with one of them is judged as a page (and fails loudly if broken).
  if ('values' in b || 'isLastPage' in b) return null;
  return Object.keys(b).length > 0 ? [body] : [];
}

interface Page {
  values: unknown[];
  isLastPage: boolean;
  nextPageStart: unknown;
}

function checkPage(body: unknown, n: number, url: string, status: number): Page {
  const res = { body, status };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformed(url, n, 'not a JSON object', res);
  const { values, isLastPage, nextPageStart } = body as Record<string, unknown>;
  if (!Array.isArray(values)) throw malformed(url, n, '`values` is not an array', res);
  if (typeof isLastPage !== 'boolean') throw malformed(url, n, '`isLastPage` is not a boolean', res);
  return { values, isLastPage, nextPageStart };
}

function malformed(url: string, n: number, why: string, res: { body: unknown; status: number }): FleetError {
  // `url` comes from buildUrl and the body from JSON.parse, so neither step below can throw.
  const u = new URL(url);
  return new FleetError({
    code: 'malformed',
    message: `${u.host} answered page ${n} of ${u.pathname} without a valid paging envelope (${why}) — is this a paged Bitbucket REST resource, or is a proxy rewriting answers?`,
    httpStatus: res.status,
    url,
    body: JSON.stringify(res.body) ?? null,
  });
}

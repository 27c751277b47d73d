import { parseRetryAfter } from '../../../shared/logic/retry-after';
import type { RequestClass } from '../scheduler/host-limiter';
import type { BitbucketClient, BitbucketClientOptions, Credential, GetJsonOptions, JsonResponse, ReadBytes, RequestInfo } from './bitbucket-client-contract';
import { FleetError } from './fleet-error';
import { inflateAnswer, type BodyEncoding } from './content-encoding';
import { exchange, failedBeforeAnswer, header, withBody, type RawResponse } from './http-exchange';
import { acceptedBody, okBody } from './response-body';
import { responseErrorInfo } from './response-errors';
import { buildUrl, checkBaseUrl } from './url';
import { peekNextStart } from './page-peek';
import { walkPages } from './paging';

const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
/** Retries of a rate-limited read, at most (Atlassian's guidance: never hammer). */
const MAX_429_RETRIES = 2;

interface SendPlan {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  credential: Credential | undefined;
  body: string | undefined;
  signal: AbortSignal | undefined;
  allowStatus: readonly number[];
  lean?: GetJsonOptions['lean'];
  kind: RequestClass;
  /** A 2xx body is parsed when the walk asks for it (`read`), after it asked for the next page. */
  late?: boolean;
  readBytes?: (body: Buffer, encoding: BodyEncoding | null, maxBytes: number) => ReturnType<ReadBytes>;
}

/** An answer of a walk that overlaps: `body` is unset, `read()` parses it (see paging.ts). */
interface PageResponse extends JsonResponse {
  read?: () => Promise<unknown>;
  nextStart?: number | null;
}

type Outcome = { kind: 'done'; response: PageResponse } | { kind: 'retry' };

/**
 * A client for one Bitbucket node or load-balanced instance (one base URL).
 *
 * Credentials: `auth: 'read'` uses `read`, else `admin`; `auth: 'admin'` uses `admin`, else
 * `read` (so a read-only setup gets Bitbucket's own 401 explained, rather than a guess);
 * `write` requires `admin`. Every attempt passes the shared HostLimiter for its origin.
 * Per-node `/status` probes use `getJson('/status', { auth: 'none', allowStatus: [500, 502, 503] })`.
 */
export function createBitbucketClient(opts: BitbucketClientOptions): BitbucketClient {
  const base = checkBaseUrl(opts.baseUrl);
  const origin = base.origin;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0) throw new RangeError(`Bitbucket client: timeoutMs must be positive, got ${opts.timeoutMs}`);
  const dispatcher = opts.dispatchers.get(origin, opts.caPem, opts.proxy ?? 'env');

  function credentialFor(auth: 'read' | 'admin' | 'none'): Credential | undefined {
    if (auth === 'none') return undefined;
    return auth === 'read' ? (opts.read ?? opts.admin) : (opts.admin ?? opts.read);
  }

  function report(info: RequestInfo): void {
    opts.onRequest?.(info);
  }

  async function attempt(plan: SendPlan, clock: { firstSentAt: number | null }, retriesSoFar: number): Promise<Outcome> {
    let raw: RawResponse;
    let grantedAt = 0;
    try {
      raw = await opts.limiter.run(
        origin,
        (release) => {
          grantedAt = performance.now();
          // The 429 budget counts from the first send, not from the wait for a slot before it.
          clock.firstSentAt ??= Date.now();
          return exchange({
            dispatcher,
            method: plan.method,
            url: plan.url,
            headers: headersFor(plan),
            body: plan.body,
            timeoutMs: opts.timeoutMs,
            maxBodyBytes,
            signal: plan.signal,
            bodyIn: release,
            // A page read by another thread comes compressed: a fifteenth of the bytes for the
            // engine's loop to take in, inflated there (content-encoding.ts).
            gzip: plan.readBytes !== undefined,
          });
        },
        plan.signal,
        plan.kind,
      );
    } catch (err) {
      if (err instanceof FleetError) report({ method: plan.method, url: plan.url, status: null, durationMs: elapsedSince(grantedAt), error: err });
      throw err;
    }
    if (plan.late && raw.status >= 200 && raw.status < 300) return { kind: 'done', response: readLate(plan, raw) };
    try {
      const outcome = interpret(plan, raw, clock.firstSentAt ?? Date.now(), retriesSoFar);
      report({ method: plan.method, url: plan.url, status: raw.status, durationMs: raw.durationMs, ...(outcome.error ? { error: outcome.error } : {}) });
      return outcome.result;
    } catch (err) {
      if (err instanceof FleetError) report({ method: plan.method, url: plan.url, status: raw.status, durationMs: raw.durationMs, error: err });
      throw err;
    }
  }

  /** A 2xx answer parsed and reported when `read` is called, as interpret and attempt would have at once. */
  function readLate(plan: SendPlan, raw: RawResponse): PageResponse {
    return {
      status: raw.status,
      body: undefined,
      headers: raw.headers,
      durationMs: raw.durationMs,
      bytes: raw.body.length,
      // Compressed bytes name no next start before they are inflated: the walk asks for the next
      // page once the reader thread has read this one.
      nextStart: raw.encoding === null ? peekNextStart(raw.body) : null,
      read: async () => {
        let answer = raw;
        try {
          if (plan.readBytes) {
            const got = await plan.readBytes(raw.body, raw.encoding, maxBodyBytes);
            if ('body' in got) {
              report({ method: plan.method, url: plan.url, status: raw.status, durationMs: raw.durationMs });
              return got.body;
            }
            answer = withBody(raw, got.refused, got.encoding);
          }
          if (answer.encoding !== null) answer = withBody(raw, inflateAnswer(answer.body, maxBodyBytes, plan.url, raw.status), null);
          const body = okBody(answer, plan.url, plan.lean);
          report({ method: plan.method, url: plan.url, status: raw.status, durationMs: raw.durationMs });
          return body;
        } catch (err) {
          if (err instanceof FleetError) report({ method: plan.method, url: plan.url, status: raw.status, durationMs: raw.durationMs, error: err });
          throw err;
        }
      },
    };
  }

  function interpret(plan: SendPlan, raw: RawResponse, firstSentAt: number, retriesSoFar: number): { result: Outcome; error?: FleetError } {
    const done = (body: unknown): { result: Outcome } => ({
      result: { kind: 'done', response: { status: raw.status, body, headers: raw.headers, durationMs: raw.durationMs, bytes: raw.body.length } },
    });
    if (raw.status >= 200 && raw.status < 300) return done(okBody(raw, plan.url, plan.lean));
    if (plan.allowStatus.includes(raw.status)) return done(acceptedBody(raw));

    const now = Date.now();
    const retryAfterMs = raw.status === 429 ? parseRetryAfter(raw.headers['retry-after'], now) : null;
    const error = new FleetError({
      ...responseErrorInfo({
        status: raw.status,
        method: plan.method,
        url: plan.url,
        text: raw.text,
        contentType: raw.contentType,
        location: header(raw.headers['location']),
        auth: plan.credential?.kind ?? 'none',
        retryAfterMs,
      }),
      httpStatus: raw.status,
      retryAfterMs,
      url: plan.url,
      body: raw.text === '' ? null : raw.text,
    });
    if (retryAfterMs !== null) {
      // Honour Retry-After for everything this origin sends, not just this request.
      opts.limiter.pauseUntil(origin, now + retryAfterMs);
      const fits = now - firstSentAt + retryAfterMs <= opts.timeoutMs;
      if (plan.method === 'GET' && retriesSoFar < MAX_429_RETRIES && fits) return { result: { kind: 'retry' }, error };
    }
    throw error;
  }

  async function send(plan: SendPlan): Promise<PageResponse> {
    const clock = { firstSentAt: null as number | null };
    let retries = 0;
    let resetRetried = false;
    for (;;) {
      try {
        const outcome = await attempt(plan, clock, retries);
        if (outcome.kind === 'done') return outcome.response;
        retries++;
      } catch (err) {
        // A kept-alive connection closed by the server as we reused it is not the server failing.
        if (plan.method !== 'GET' || resetRetried || !failedBeforeAnswer(err)) throw err;
        resetRetried = true;
      }
      if (plan.signal?.aborted) throw plan.signal.reason;
    }
  }

  const client: BitbucketClient = {
    origin,

    async getJson(path, o = {}) {
      const auth = o.auth ?? 'read';
      return send({
        method: 'GET',
        url: buildUrl(base, path, o.query),
        credential: credentialFor(auth),
        body: undefined,
        signal: o.signal,
        allowStatus: o.allowStatus ?? [],
        lean: o.lean,
        kind: o.kind ?? 'regular',
      });
    },

    async getPaged(path, o = {}) {
      const values: unknown[] = [];
      const walked = await client.eachPage(path, o, (page) => {
        // push(...page) overflows the stack on very large pages; a loop does not.
        for (const v of page) values.push(v);
      });
      return { values, pages: walked.pages, truncated: walked.truncated, durationMs: walked.durationMs };
    },

    async eachPage(path, o, onPage) {
      return walkPages(
        (query, ahead) =>
          send({
            method: 'GET',
            url: buildUrl(base, path, query),
            credential: credentialFor(o.auth ?? 'read'),
            body: undefined,
            // A page asked for ahead is also dropped by the walk (paging.ts).
            signal: ahead && o.signal ? AbortSignal.any([o.signal, ahead]) : (ahead ?? o.signal),
            allowStatus: [],
            lean: o.lean,
            kind: o.kind ?? 'regular',
            late: o.overlap === true,
            ...(o.readBytes
              ? { readBytes: (b: Buffer, encoding: BodyEncoding | null, cap: number) => o.readBytes!(b, Number(query['start']), encoding, cap) }
              : {}),
          }),
        {
          url: buildUrl(base, path),
          query: o.query ?? {},
          limit: o.limit ?? 1000,
          maxPages: o.maxPages ?? 200,
          acceptUnpaged: o.acceptUnpaged ?? false,
          onPage,
        },
      );
    },

    async write(method, path, o = {}) {
      const url = buildUrl(base, path, o.query);
      const admin = o.admin ?? opts.admin;
      if (!admin) {
        throw new FleetError({
          code: 'auth',
          message: `No admin credential is configured for ${base.host}: actions need one — add \`admin: { username, password }\` to this primary in the fleet config.`,
          url,
        });
      }
      const body = o.body === undefined ? undefined : JSON.stringify(o.body);
      return send({ method, url, credential: admin, body, signal: o.signal, allowStatus: [], kind: 'regular' });
    },
  };
  return client;
}

/** The Authorization header a credential sends, or none. */
export function authorization(c: Credential | undefined): { authorization?: string } {
  if (c?.kind === 'bearer') return { authorization: `Bearer ${c.token}` };
  if (c?.kind === 'basic') return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}` };
  return {};
}

function headersFor(plan: SendPlan): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Fleetscope', ...authorization(plan.credential) };
  if (plan.method !== 'GET') {
    // Atlassian's XSRF check (reference §1.4): harmless with JSON, required for body-less POSTs.
    headers['x-atlassian-token'] = 'no-check';
    if (plan.body !== undefined) headers['content-type'] = 'application/json';
  }
  return headers;
}

function elapsedSince(t0: number): number {
  return t0 === 0 ? 0 : performance.now() - t0;
}

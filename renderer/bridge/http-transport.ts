import { FleetApiError, LONG_REQUEST_TIMEOUT_MS, apiErrorSchema, type ApiError } from '../../shared/contract';
import type { Caller } from './api';
import { UNAUTHORIZED_MESSAGE } from './connection';
import { validateResult } from './validate';

/** `fetch` as the bridge uses it; tests pass a stub. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type HttpCallerOptions = {
  fetch: FetchLike;
  /** Base of the API, ending in a slash, e.g. `/api/`. */
  apiBase: string;
  token: () => string | null;
  /** Told about every 401, so the connection can turn `unauthorized`. */
  onUnauthorized: () => void;
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 30_000;

export const authHeaders = (token: string | null): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

/** The code a bare HTTP status stands for when the body carries no error envelope. */
export const codeForStatus = (status: number): ApiError['code'] => {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 400 || status === 422) return 'invalid-argument';
  if (status >= 500) return 'server-error';
  return 'http';
};

const readBody = async (response: Response): Promise<{ json: unknown } | null> => {
  const text = await response.text();
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
};

const errorFromResponse = (status: number, body: { json: unknown } | null): FleetApiError => {
  if (status === 401) return new FleetApiError('auth', UNAUTHORIZED_MESSAGE);
  const envelope = apiErrorSchema.safeParse((body?.json as { error?: unknown } | null)?.error);
  if (envelope.success) return new FleetApiError(envelope.data.code, envelope.data.message);
  return new FleetApiError(codeForStatus(status), `The Fleetscope server answered HTTP ${status}.`);
};

const fetchError = (error: unknown): FleetApiError => {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') return new FleetApiError('timeout', 'The Fleetscope server did not answer in time.');
  return new FleetApiError('network', 'Cannot reach the Fleetscope server.');
};

/**
 * Requests over HTTP: `GET /api/snapshot`, `POST /api/<request>` with the arguments as JSON.
 * Every failure becomes a FleetApiError with a code, whatever went wrong on the way.
 */
export const createHttpCaller = (options: HttpCallerOptions): Caller => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (name, args) => {
    const isSnapshot = name === 'getSnapshot';
    const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(options.token()) };
    if (!isSnapshot) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await options.fetch(`${options.apiBase}${isSnapshot ? 'snapshot' : name}`, {
        method: isSnapshot ? 'GET' : 'POST',
        headers,
        cache: 'no-store',
        signal: AbortSignal.timeout(LONG_REQUEST_TIMEOUT_MS[name] ?? timeoutMs),
        ...(isSnapshot ? {} : { body: JSON.stringify(args) }),
      });
    } catch (error) {
      throw fetchError(error);
    }
    const body = await readBody(response).catch(() => null);
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized();
      throw errorFromResponse(response.status, body);
    }
    if (!body) throw new FleetApiError('malformed', `The ${name} answer is not JSON.`);
    return validateResult(name, body.json);
  };
};

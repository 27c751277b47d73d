/** A response computed before it is written, so the rules stay free of sockets and timers. */
export interface DemoResponse {
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes already encoded (a cached repository page). */
  body: string | Buffer;
}

export const EXCEPTION = {
  authenticationRequired: 'com.atlassian.plugins.rest.api.security.exception.AuthenticationRequiredException',
  notPermitted: 'com.atlassian.bitbucket.AuthorisationException',
  incorrectPassword: 'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException',
  noSuchProject: 'com.atlassian.bitbucket.project.NoSuchProjectException',
  noSuchRepository: 'com.atlassian.bitbucket.repository.NoSuchRepositoryException',
} as const;

const JSON_TYPE = 'application/json;charset=UTF-8';
const HTML_TYPE = 'text/html;charset=UTF-8';

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): DemoResponse {
  return rawJsonResponse(status, JSON.stringify(value), headers);
}

/** A JSON response whose body is already serialised (the large repository pages). */
export function rawJsonResponse(status: number, body: string | Buffer, headers: Record<string, string> = {}): DemoResponse {
  return {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-cache, no-transform', 'x-content-type-options': 'nosniff', ...headers },
    body,
  };
}

/** Bitbucket's standard error body (reference §1.3). */
export function restError(
  status: number,
  message: string,
  exceptionName: string | null,
  options: { context?: string; headers?: Record<string, string> } = {},
): DemoResponse {
  return jsonResponse(status, { errors: [{ context: options.context ?? null, message, exceptionName }] }, options.headers);
}

export function htmlResponse(status: number, body: string): DemoResponse {
  return { status, headers: { 'content-type': HTML_TYPE, 'cache-control': 'no-cache' }, body };
}

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { authenticate, type PrimaryCredentials } from '../auth';
import { writeResponse } from '../http-listener';
import { EXCEPTION, restError, type DemoResponse } from '../responses';
import type { ResponseDelay } from '../types';
import { serveThroughBackend } from './http-backend';
import type { GitView } from './repo-store';

/** Bitbucket's clone URLs: `/scm/PROJECT/slug.git/…` (the `.git` may be left out). */
const SCM_PATH = /^\/scm\/([^/]+)\/([^/]+?)(?:\.git)?(\/.*)$/;

/** What a server decided to serve for one git request. */
export interface GitServed {
  readonly view: GitView;
  /** Milliseconds each 8 KiB piece of the response is held back (the slow fault); 0 for none. */
  readonly pieceDelayMs: number;
  /** Told once per upload-pack request: a clone or fetch, or a protocol v2 ref listing. */
  readonly counted?: (what: 'ls-refs' | 'fetch', gitProtocol: 1 | 2) => void;
}

export interface GitSite {
  readonly credentials: PrimaryCredentials;
  readonly delay: ResponseDelay;
  /** The repository at the version this server holds, or a response that says why not. */
  resolve(projectKey: string, slug: string): Promise<GitServed | DemoResponse>;
}

/**
 * Adds git's smart HTTP protocol to a simulated server: requests under `/scm/` are authenticated
 * as Bitbucket does (Basic with a user's password or an HTTP access token; anonymous gets a
 * Basic challenge) and served by `git http-backend`; every other request goes to `rest`.
 */
export function withGit(site: GitSite, rest: RequestListener): RequestListener {
  return (req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const match = SCM_PATH.exec(path);
    if (!match) {
      rest(req, res);
      return;
    }
    void serveGit(site, req, res, match, queryAt < 0 ? '' : url.slice(queryAt + 1)).catch((err: unknown) =>
      refuse(req, res, restError(500, `The demo fleet could not serve git: ${err instanceof Error ? err.message : String(err)}`, null)),
    );
  };
}

async function serveGit(site: GitSite, req: IncomingMessage, res: ServerResponse, match: RegExpExecArray, query: string): Promise<void> {
  const [, key = '', slug = '', rest = ''] = match;
  if (rest === '/git-receive-pack' || /service=git-receive-pack/.test(query)) {
    refuse(req, res, restError(403, 'The simulated fleet is read-only: pushes are not accepted.', null));
    return;
  }
  const principal = authenticate(req.headers.authorization, site.credentials);
  if (principal.kind !== 'user') {
    const response =
      principal.kind === 'rejected'
        ? restError(401, 'Authentication failed. Please check your credentials and try again.', EXCEPTION.incorrectPassword)
        : restError(401, 'Client must be authenticated to access this resource.', EXCEPTION.authenticationRequired);
    response.headers['www-authenticate'] = 'Basic realm="Atlassian Bitbucket"';
    refuse(req, res, response);
    return;
  }
  const served = await site.resolve(decodeURIComponent(key), decodeURIComponent(slug));
  if (!('view' in served)) {
    refuse(req, res, served);
    return;
  }
  const v2 = /version=2/.test(String(req.headers['git-protocol'] ?? '')) ? 2 : 1;
  serveThroughBackend(req, res, {
    view: served.view,
    rest,
    query,
    remoteUser: principal.username,
    pieceDelayMs: served.pieceDelayMs,
    delay: site.delay,
    ...(served.counted ? { onUploadPack: (what: 'ls-refs' | 'fetch') => served.counted?.(what, v2) } : {}),
  });
}

/** Answers without git; the request body is drained first so the client sees the answer, not a reset. */
function refuse(req: IncomingMessage, res: ServerResponse, response: DemoResponse): void {
  req.resume();
  writeResponse(res, response);
}

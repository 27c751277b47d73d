import { FleetError } from './fleet-error';

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * Parse and check a configured base URL. It may carry a context path (`https://host/bitbucket`);
 * it must not carry credentials, which belong in `read`/`admin` where they are kept secret.
 */
export function checkBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (err) {
    throw new FleetError({
      code: 'invalid-argument',
      message: `The base URL "${baseUrl}" is not a valid URL — write it like https://bitbucket.example.com.`,
      cause: err,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FleetError({ code: 'invalid-argument', message: `The base URL "${baseUrl}" must start with https:// or http://.` });
  }
  if (url.username || url.password) {
    throw new FleetError({
      code: 'invalid-argument',
      message: `The base URL for ${url.host} contains a user name or password — remove it and configure the credential as read/admin instead.`,
    });
  }
  return url;
}

/** `base` + context path + `path` + query; `undefined` query values are left out. */
export function buildUrl(base: URL, path: string, query?: Query): string {
  const context = base.pathname.replace(/\/+$/, '');
  const rel = path.startsWith('/') ? path : `/${path}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined) params.append(k, String(v));
  }
  const qs = params.toString();
  const sep = rel.includes('?') ? '&' : '?';
  return `${base.origin}${context}${rel}${qs ? sep + qs : ''}`;
}

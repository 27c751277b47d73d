import { timingSafeEqual } from 'node:crypto';

export interface PrimaryCredentials {
  /** Owner of the read token; the token also works as this user's Basic password. */
  readonly readUsername: string;
  readonly readToken: string;
  readonly adminUsername: string;
  readonly adminPassword: string;
}

export type Principal = { kind: 'anonymous' } | { kind: 'rejected' } | { kind: 'user'; username: string; sysAdmin: boolean; viaToken: boolean };

/** Resolves the `Authorization` header the way Bitbucket 8.x/9.x does for Basic and Bearer. */
export function authenticate(header: string | undefined, creds: PrimaryCredentials): Principal {
  if (header === undefined || header.trim() === '') return { kind: 'anonymous' };
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'bearer') {
    return sameSecret(value, creds.readToken) ? { kind: 'user', username: creds.readUsername, sysAdmin: false, viaToken: true } : { kind: 'rejected' };
  }
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'rejected' };
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (username === creds.adminUsername && sameSecret(password, creds.adminPassword)) {
      return { kind: 'user', username, sysAdmin: true, viaToken: false };
    }
    if (username === creds.readUsername && sameSecret(password, creds.readToken)) {
      return { kind: 'user', username, sysAdmin: false, viaToken: true };
    }
    return { kind: 'rejected' };
  }
  // Bitbucket ignores schemes it does not handle (Negotiate, Digest...) and serves the request as anonymous.
  return { kind: 'anonymous' };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Bitbucket's error body `{"errors":[{context, message, exceptionName}]}` (reference §1.3) names a
 * server exception class. A few classes mean something quite different from what the HTTP status
 * alone suggests — a 401 can be an expired licence, a CAPTCHA lock or a missing permission as well
 * as a wrong password — so they are recognised here, by class name first and message second
 * (proxies and older versions drop or rename the class).
 */
export type BitbucketErrorKind =
  'licence' | 'user-not-licensed' | 'incorrect-credentials' | 'captcha' | 'token-expired' | 'account-disabled' | 'not-permitted' | 'login-required';

export interface BitbucketErrorBody {
  kind: BitbucketErrorKind | null;
  /** The short class name, e.g. `NoAccessAuthenticationException`; null when the body gave none. */
  exceptionName: string | null;
  /** Bitbucket's own message(s), joined and shortened; null when the body had none. */
  said: string | null;
}

interface Entry {
  exceptionName: string | null;
  message: string;
}

const LICENCE = /licen[cs]/i;
const USER_LEVEL = /\b(user|account|you)\b/i;

function kindOf(e: Entry): BitbucketErrorKind | null {
  const cls = e.exceptionName ?? '';
  const m = e.message;
  if (/Licen[cs]e/i.test(cls) || LICENCE.test(m)) {
    // "This instance is not licensed" vs "You are not a licensed user": who has to act differs.
    return /\b(instance|server|product|bitbucket|application|evaluation|subscription)\b/i.test(m) || !USER_LEVEL.test(m) ? 'licence' : 'user-not-licensed';
  }
  if (/Captcha/i.test(cls) || /captcha/i.test(m)) return 'captcha';
  if (/Expired/i.test(cls) || /\b(token|credential)s?\b.*\bexpired\b|\bexpired\b.*\btoken\b/i.test(m)) return 'token-expired';
  if (
    /(UserDisabled|Deactivated|Inactive)/i.test(cls) ||
    /\b(deactivated|disabled|inactive)\b.*\b(user|account)\b|\b(user|account)\b.*\b(deactivated|disabled|inactive)\b/i.test(m)
  )
    return 'account-disabled';
  if (
    /IncorrectPassword|BadCredentials|InvalidCredential/i.test(cls) ||
    /authentication failed|incorrect (user ?name|password|credentials)|invalid (user ?name|password|credentials)/i.test(m)
  )
    return 'incorrect-credentials';
  if (/NoAccessAuthentication/i.test(cls)) return 'user-not-licensed';
  if (/AuthenticationRequired|NotAuthenticated/i.test(cls) || /authentication (is )?required|not (logged in|authenticated)|log ?in to/i.test(m))
    return 'login-required';
  if (/Authori[sz]ation|Permission|AccessDenied/i.test(cls) || /not permitted|permission|not allowed to|access denied/i.test(m)) return 'not-permitted';
  return null;
}

/** Reads an error body; any text at all is accepted (plain text, HTML and empty bodies give nulls). */
export function readBitbucketError(text: string): BitbucketErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Plugins and proxies may answer errors in plain text or HTML: nothing to recognise.
    return { kind: null, exceptionName: null, said: null };
  }
  if (typeof body !== 'object' || body === null) return { kind: null, exceptionName: null, said: null };
  const entries: Entry[] = [];
  const errors = (body as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    for (const e of errors) {
      if (typeof e !== 'object' || e === null) continue;
      const m = (e as { message?: unknown }).message;
      const x = (e as { exceptionName?: unknown }).exceptionName;
      entries.push({ message: typeof m === 'string' ? m.trim() : '', exceptionName: typeof x === 'string' && x.trim() ? x.trim() : null });
    }
  }
  const top = (body as { message?: unknown }).message;
  if (entries.every((e) => e.message === '') && typeof top === 'string' && top.trim()) entries.push({ message: top.trim(), exceptionName: null });
  const messages = entries.map((e) => e.message).filter((m) => m !== '');
  const joined = messages.slice(0, 3).join('; ').replace(/\s+/g, ' ');
  const clean = joined.endsWith('.') ? joined.slice(0, -1) : joined;
  const said = clean === '' ? null : clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
  const kinds = entries.map(kindOf);
  const named = entries.find((e) => e.exceptionName !== null)?.exceptionName ?? null;
  return { kind: kinds.find((k) => k !== null) ?? null, exceptionName: named === null ? null : (named.split('.').pop() ?? named), said };
}

/**
 * What a recognised class means and what to do, leading the message a person sees. `host` is the
 * Bitbucket that answered, `status` its HTTP status.
 */
export function explainKind(kind: BitbucketErrorKind, host: string, status: number, path: string): string {
  switch (kind) {
    case 'licence':
      return `${host} is not licensed (${status}): its Bitbucket licence has expired or is invalid, so it refuses authenticated requests. The credential is not the problem — a Bitbucket admin must update the licence (Administration → Licensing).`;
    case 'user-not-licensed':
      return `${host} accepts the credential but denies this user access to Bitbucket (${status}): the account is not a licensed user — it lacks the "Bitbucket User" global permission, or the licence's user tier is full. Ask a Bitbucket admin to grant it.`;
    case 'incorrect-credentials':
      return `${host} rejected the credential (${status}): the user name, password or token is wrong. Check it in the fleet config or Settings.`;
    case 'captcha':
      return `${host} locked this user behind a CAPTCHA after failed logins (${status}), so REST logins fail even with the right password. Log in once in a browser (or have an admin reset the failed-login count), then fix the stored password.`;
    case 'token-expired':
      return `${host} says the access token has expired (${status}). Create a new token in Bitbucket (Manage account → HTTP access tokens) and update it here.`;
    case 'account-disabled':
      return `${host} says the account is deactivated (${status}). Reactivate it in Bitbucket's user administration, or use another account.`;
    case 'not-permitted':
      return `${host} accepted the credential but the user lacks permission for ${path} (${status}). Admin endpoints need an admin user with a password: Bitbucket refuses HTTP access tokens there (BSERV-10482).`;
    case 'login-required':
      return `${host} treated the request to ${path} as anonymous (${status}): no credential was accepted — an unknown or revoked token is served as anonymous on Bitbucket 10. Check the token or password.`;
  }
}

// Paths into a stored config document: its inline secrets replaced, its URLs shown without passwords.
import { hasUserInfo, redactUrl } from '../../../shared/logic/url-userinfo';

/** `primaries.0.read.token` → FLEETSCOPE_PRIMARIES_0_READ_TOKEN: a variable to set where the file is used. */
export const placeholderName = (path: (string | number)[]): string =>
  `FLEETSCOPE_${path
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase()}`;

/** Any URL in the document that carries a password is shown without it. */
export function redactUrls(doc: unknown): void {
  if (!doc || typeof doc !== 'object') return;
  for (const [k, v] of Object.entries(doc)) {
    if (typeof v === 'string' && hasUserInfo(v)) (doc as Record<string, unknown>)[k] = redactUrl(v);
    else redactUrls(v);
  }
}

export function getAt(doc: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], doc);
}

export function setAt(doc: unknown, path: (string | number)[], value: unknown): void {
  const parent = getAt(doc, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
}

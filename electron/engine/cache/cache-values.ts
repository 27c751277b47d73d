import type { RawField } from '../../../shared/model/cache';

/**
 * Readers for the scalars of the scm-cache plugin. Its bodies are undocumented (reference §3.2),
 * so each reader accepts the plausible encodings — a bare JSON scalar, the same as a string, or
 * wrapped in an object — and answers null for anything else, never a guess.
 */

export type Json = unknown;
export type JsonObject = Record<string, unknown>;

/** Longest raw value kept for display; a huge unknown field must not bloat every snapshot. */
const MAX_RAW_CHARS = 300;
/** Most raw fields kept per object, for the same reason. */
export const MAX_RAW_FIELDS = 40;

export const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** true/false, "true"/"false", "enabled"/"disabled" (any case); null otherwise. */
export function asBoolean(v: Json): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return null;
  const s = v.trim().toLowerCase();
  if (s === 'true' || s === 'enabled' || s === 'on') return true;
  if (s === 'false' || s === 'disabled' || s === 'off') return false;
  return null;
}

/** A finite, non-negative number, or the same written as a decimal string; null otherwise. */
export function asCount(v: Json): number | null {
  let n: number | null = null;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) n = Number(v);
  return n !== null && Number.isFinite(n) && n >= 0 ? n : null;
}

/** Epoch milliseconds from a number (or numeric string) or an ISO-8601 string (reference §1.7). */
export function asTime(v: Json): number | null {
  const n = asCount(v);
  if (n !== null) return n;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v.trim())) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** Lower-case trimmed text, or null for anything that is not a string. */
export const asWord = (v: Json): string | null => (typeof v === 'string' ? v.trim().toLowerCase() : null);

/**
 * The first of `names` present in `o`. A name with dots that is not itself a key walks into
 * nested objects (`project.key`); `key` is then the top-level key it went through.
 */
export function pick(o: JsonObject, names: readonly string[]): { key: string; value: Json } | null {
  for (const name of names) {
    const found = lookup(o, name);
    if (found) return found;
  }
  return null;
}

export function lookup(o: JsonObject, name: string): { key: string; value: Json } | null {
  if (Object.hasOwn(o, name)) return { key: name, value: o[name] };
  // Most names are tried on every entry of a feed of 50,000 repositories (issue 13): no split when there is no dot.
  if (!name.includes('.')) return null;
  const parts = name.split('.');
  let cur: Json = o;
  for (const part of parts) {
    if (!isObject(cur) || !Object.hasOwn(cur, part)) return null;
    cur = cur[part];
  }
  return { key: parts[0] as string, value: cur };
}

/** Any JSON value as short text for a person: strings as they are, the rest as JSON. */
export function show(v: Json): string {
  let text: string;
  if (typeof v === 'string') text = v;
  else {
    try {
      text = JSON.stringify(v) ?? String(v);
    } catch {
      // Not reachable for parsed JSON; a cyclic or BigInt value from elsewhere still gets a label.
      text = Object.prototype.toString.call(v);
    }
  }
  return text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS - 1)}…` : text;
}

/** The fields of `o` not in `known`, as raw key/values under `prefix`. */
export function rawFields(o: JsonObject, known: ReadonlySet<string>, prefix = ''): RawField[] {
  const out: RawField[] = [];
  for (const [key, value] of Object.entries(o)) {
    if (known.has(key)) continue;
    if (out.length >= MAX_RAW_FIELDS) break;
    out.push({ key: `${prefix}${key}`, value: show(value) });
  }
  return out;
}

export interface Read<T> {
  value: T | null;
  /** What the body carried that Fleetscope did not use. */
  raw: RawField[];
}

/**
 * A scalar that may come bare or wrapped (`{"enabled": true}`, `{"value": "true"}`): reads it with
 * `parse` and keeps every other field of a wrapper as raw. A body it cannot read is kept whole.
 */
export function readScalar<T>(body: Json, endpoint: string, wrappers: readonly string[], parse: (v: Json) => T | null): Read<T> {
  const direct = parse(body);
  if (direct !== null) return { value: direct, raw: [] };
  if (isObject(body)) {
    const found = pick(body, wrappers);
    const value = found ? parse(found.value) : null;
    if (value !== null && found) return { value, raw: rawFields(body, new Set([found.key]), `${endpoint}.`) };
  }
  return { value: null, raw: body === null ? [] : [{ key: endpoint, value: show(body) }] };
}

export const readEnabled = (body: Json, endpoint: string): Read<boolean> =>
  readScalar(body, endpoint, ['enabled', 'value', 'status', 'state', 'active'], asBoolean);

export const readTtl = (body: Json, endpoint: string): Read<number> =>
  readScalar(body, endpoint, ['ttl', 'value', 'seconds', 'ttlSeconds', 'expiry', 'expiryInSec', 'expiryInSeconds'], (v) => {
    const n = asCount(v);
    return n !== null && Number.isInteger(n) ? n : null;
  });

/**
 * The protocols list: `["http","ssh"]`, `{"protocols": [...]}`, `"http,ssh"` or `{"http": true,
 * "ssh": false}`. Names are matched case-insensitively; `https` counts as HTTP.
 */
export function readProtocols(body: Json, endpoint: string): Read<{ http: boolean; ssh: boolean }> {
  const fromList = (list: Json): { http: boolean; ssh: boolean } | null => {
    if (typeof list === 'string' && list.trim() === '') return null;
    const items = typeof list === 'string' ? list.split(/[\s,]+/).filter(Boolean) : list;
    if (!Array.isArray(items) || !items.every((i) => typeof i === 'string')) return null;
    const names = new Set(items.map((i) => i.trim().toLowerCase()));
    if ([...names].some((n) => !['http', 'https', 'ssh'].includes(n))) return null;
    return { http: names.has('http') || names.has('https'), ssh: names.has('ssh') };
  };
  const direct = fromList(body);
  if (direct) return { value: direct, raw: [] };
  if (isObject(body)) {
    const wrapped = pick(body, ['protocols', 'enabledProtocols', 'values', 'value']);
    const list = wrapped ? fromList(wrapped.value) : null;
    if (list && wrapped) return { value: list, raw: rawFields(body, new Set([wrapped.key]), `${endpoint}.`) };
    const keys = Object.keys(body);
    const http = pick(body, ['http', 'HTTP', 'https']);
    const ssh = pick(body, ['ssh', 'SSH']);
    const h = http ? asBoolean(http.value) : null;
    const s = ssh ? asBoolean(ssh.value) : null;
    if (h !== null && s !== null && http && ssh) {
      return { value: { http: h, ssh: s }, raw: rawFields(body, new Set([http.key, ssh.key]), `${endpoint}.`) };
    }
    if (keys.length === 0) return { value: null, raw: [{ key: endpoint, value: '{}' }] };
  }
  return { value: null, raw: body === null ? [] : [{ key: endpoint, value: show(body) }] };
}

import { createHmac } from 'node:crypto';

/**
 * OpenSSH known_hosts, as far as checking a server's host key needs it: plain and hashed
 * (`|1|salt|hash`) host patterns, `[host]:port` for other ports than 22, `*`/`?` wildcards,
 * `!negation`, and the `@revoked` marker (`@cert-authority` lines are skipped: certificates are
 * not supported, so such a host is reported as unknown rather than trusted).
 */

export interface KnownHostEntry {
  marker: 'revoked' | 'cert-authority' | null;
  patterns: string;
  keyType: string;
  /** Base64 of the public key blob, as the server presents it. */
  key: string;
}

export type HostKeyVerdict = { ok: true } | { ok: false; reason: 'unknown-host' | 'mismatch' | 'revoked'; knownTypes: string[] };

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      marker = m === '@revoked' ? 'revoked' : m === '@cert-authority' ? 'cert-authority' : null;
      if (marker === null) continue;
    }
    const [patterns, keyType, key] = fields;
    if (!patterns || !keyType || !key) continue;
    out.push({ marker, patterns, keyType, key });
  }
  return out;
}

/** How a host appears in known_hosts: `host` on port 22, `[host]:port` otherwise. */
export function hostToken(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Whether a known_hosts pattern list (`a,b,!c` or `|1|salt|hash`) names this host. */
export function patternsMatch(patterns: string, token: string): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(token).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const p of patterns.split(',')) {
    const negated = p.startsWith('!');
    const pattern = negated ? p.slice(1) : p;
    if (wildcardMatch(pattern.toLowerCase(), token.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function wildcardMatch(pattern: string, text: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(text);
}

/** The entries that name this host (revoked lines included, cert-authority lines left out). */
export function entriesFor(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const token = hostToken(host, port);
  return entries.filter((e) => e.marker !== 'cert-authority' && patternsMatch(e.patterns, token));
}

/** Checks the key a server presented (its wire blob) against the entries for that host. */
export function verifyHostKey(entries: readonly KnownHostEntry[], host: string, port: number, presented: Buffer): HostKeyVerdict {
  const mine = entriesFor(entries, host, port);
  const b64 = presented.toString('base64');
  const knownTypes = [...new Set(mine.filter((e) => e.marker === null).map((e) => e.keyType))];
  if (mine.some((e) => e.marker === 'revoked' && e.key === b64)) return { ok: false, reason: 'revoked', knownTypes };
  const trusted = mine.filter((e) => e.marker === null);
  if (trusted.length === 0) return { ok: false, reason: 'unknown-host', knownTypes };
  return trusted.some((e) => e.key === b64) ? { ok: true } : { ok: false, reason: 'mismatch', knownTypes };
}

/** The key type inside a wire blob (its first SSH string), e.g. `ssh-ed25519`. */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('ascii');
}

/**
 * Host key algorithms to offer, best first, limited to the types known_hosts has for this host,
 * so a server with several keys presents the one we can check (as OpenSSH does).
 */
export function hostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa']) {
    if (!knownTypes.includes(t)) continue;
    if (t === 'ssh-rsa') out.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
    else out.push(t);
  }
  return out;
}

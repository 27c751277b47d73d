import type { ProbePhaseName } from '../../../shared/model/probe';

interface TraceEvent {
  event: string;
  sid: string;
  /** Wall time in ms with microsecond fractions. */
  at: number;
  category?: string;
  label?: string;
  argv?: string[];
  child_id?: number;
  child_class?: string;
  key?: string;
}

export interface Phases {
  totalMs: number;
  phases: { name: ProbePhaseName; ms: number }[];
}

/** `2026-12-03T02:10:11.123456Z` → epoch ms with the microseconds kept. */
function wallMs(time: string): number {
  const dot = time.indexOf('.');
  if (dot < 0) return Date.parse(time);
  const micros = time.slice(dot + 1).replace(/Z$/, '');
  return Date.parse(`${time.slice(0, dot)}Z`) + Number(`0.${micros}`) * 1000;
}

/** The events of a `GIT_TRACE2_EVENT` file; lines that are not events (a truncated last line) are skipped. */
export function parseTrace2(text: string): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      // A git killed by a timeout or a cap stops mid-line; the events before it still count.
      continue;
    }
    if (typeof raw !== 'object' || raw === null) continue;
    const e = raw as Record<string, unknown>;
    if (typeof e.event !== 'string' || typeof e.sid !== 'string' || typeof e.time !== 'string') continue;
    out.push({
      event: e.event,
      sid: e.sid,
      at: wallMs(e.time),
      ...(typeof e.category === 'string' ? { category: e.category } : {}),
      ...(typeof e.label === 'string' ? { label: e.label } : {}),
      ...(Array.isArray(e.argv) ? { argv: e.argv.map(String) } : {}),
      ...(typeof e.child_id === 'number' ? { child_id: e.child_id } : {}),
      ...(typeof e.child_class === 'string' ? { child_class: e.child_class } : {}),
      ...(typeof e.key === 'string' ? { key: e.key } : {}),
    });
  }
  return out;
}

/** `02:10:11.123456` at the start of a `GIT_TRACE_CURL` line → ms of the day. */
function curlMs(line: string): number | null {
  const m = /^(\d\d):(\d\d):(\d\d)\.(\d{6})\s/.exec(line);
  if (!m) return null;
  const [, h = '0', min = '0', s = '0', us = '0'] = m;
  return ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1000 + Number(us) / 1000;
}

/**
 * Connect/TLS from curl's trace: from its first line of the first connection (name lookup,
 * "Trying") to the first request header sent, which curl sends once TCP and TLS are up.
 */
export function connectMs(curlTrace: string): number | null {
  let first: number | null = null;
  for (const line of curlTrace.split('\n')) {
    const at = curlMs(line);
    if (at === null) continue;
    if (first === null && /== Info:/.test(line)) first = at;
    if (first !== null && /=> Send header/.test(line)) {
      const ms = at - first;
      return ms < 0 ? ms + 86_400_000 : ms;
    }
  }
  return null;
}

/**
 * Connect over SSH, from git's own trace: from starting `ssh` (the `transport/ssh` child) to
 * git reading the server's first packet line (the `transfer/negotiated-version` data event,
 * logged when git has read the version line or first ref). That spans TCP, the SSH key exchange
 * and host key check, public key authentication, and the server starting its upload-pack — all
 * that comes before the first byte of git's protocol.
 */
export function sshConnectMs(events: TraceEvent[]): number | null {
  const root = events.find((e) => e.event === 'start' && !e.sid.includes('/'));
  if (!root) return null;
  const started = events.find((e) => e.sid === root.sid && e.event === 'child_start' && e.child_class === 'transport/ssh')?.at;
  const firstPacket = events.find((e) => e.sid === root.sid && e.event === 'data' && e.category === 'transfer' && e.key === 'negotiated-version')?.at;
  return started === undefined || firstPacket === undefined ? null : Math.max(0, firstPacket - started);
}

/**
 * Phases of `git clone` (or `git ls-remote`) from its trace2 events: the ref advertisement ends
 * where fetch-pack starts reading the refs, negotiation ends with the last `negotiation*`
 * region, the pack transfer ends when `index-pack`/`unpack-objects` (fed by the network) exits,
 * and what is left (writing refs) is "other". Connect comes from curl's trace (or sshConnectMs) and is counted
 * inside the ref advertisement's time, so it is taken out of it.
 */
export function phasesOf(events: TraceEvent[], connect: number | null): Phases | null {
  const root = events.find((e) => e.event === 'start' && !e.sid.includes('/'));
  if (!root) return null;
  const rootSid = root.sid;
  const t0 = root.at;
  const end = events.filter((e) => e.sid === rootSid && (e.event === 'exit' || e.event === 'atexit')).at(0)?.at ?? Math.max(...events.map((e) => e.at));
  const totalMs = Math.max(0, end - t0);
  const refsDone = events.find((e) => e.event === 'region_enter' && e.category === 'fetch-pack' && e.label === 'parse_remote_refs_and_find_cutoff')?.at;
  const negotiationDone = events.filter((e) => e.event === 'region_leave' && (e.label ?? '').startsWith('negotiation')).at(-1)?.at;
  const packChild = events.find(
    (e) => e.sid === rootSid && e.event === 'child_start' && (e.argv ?? []).some((a) => a === 'index-pack' || a === 'unpack-objects'),
  );
  const packDone = packChild ? events.find((e) => e.sid === rootSid && e.event === 'child_exit' && e.child_id === packChild.child_id)?.at : undefined;
  const c = Math.max(0, Math.min(connect ?? 0, totalMs));
  if (refsDone === undefined) {
    // ls-remote, or a clone that stopped before reading refs: all of it is the ref advertisement.
    return { totalMs, phases: phaseList(c, Math.max(0, totalMs - c), 0, 0, totalMs) };
  }
  const refs = Math.max(0, refsDone - t0 - c);
  const negEnd = Math.max(refsDone, negotiationDone ?? refsDone);
  const negotiation = negEnd - refsDone;
  const transfer = packDone === undefined ? Math.max(0, end - negEnd) : Math.max(0, packDone - negEnd);
  return { totalMs, phases: phaseList(c, refs, negotiation, transfer, totalMs) };
}

function phaseList(connect: number, refs: number, negotiation: number, transfer: number, total: number): Phases['phases'] {
  const other = Math.max(0, total - connect - refs - negotiation - transfer);
  return [
    { name: 'connect', ms: connect },
    { name: 'refs', ms: refs },
    { name: 'negotiation', ms: negotiation },
    { name: 'transfer', ms: transfer },
    { name: 'other', ms: other },
  ];
}

import { describe, expect, it } from 'vitest';
import { connectMs, parseTrace2, phasesOf, sshConnectMs } from '../../../../electron/engine/probe/trace-phases';

/** A trace2 event at `ms` after 02:10:11.000000 UTC, in git's format. */
const at = (ms: number): string => {
  const micros = Math.round(ms * 1000);
  const s = 11 + Math.floor(micros / 1_000_000);
  return `2026-12-03T02:10:${String(s).padStart(2, '0')}.${String(micros % 1_000_000).padStart(6, '0')}Z`;
};
const ev = (ms: number, event: string, sid: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ event, sid, thread: 'main', time: at(ms), ...extra });

// The shape of a real `git clone --depth 1` over HTTP, protocol v2 (git 2.39), times made round.
const CLONE = [
  ev(0, 'start', 'A', { argv: ['git', 'clone'] }),
  ev(5, 'child_start', 'A', { child_id: 0, argv: ['git', 'remote-http', 'origin', 'http://x/scm/P/r.git'] }),
  ev(8, 'start', 'A/B', { argv: ['git', 'remote-http'] }),
  ev(120, 'data', 'A/B', { category: 'transfer', key: 'negotiated-version', value: '2' }),
  ev(300, 'region_enter', 'A', { category: 'fetch-pack', label: 'parse_remote_refs_and_find_cutoff' }),
  ev(301, 'region_leave', 'A', { category: 'fetch-pack', label: 'parse_remote_refs_and_find_cutoff' }),
  ev(310, 'region_enter', 'A', { category: 'fetch-pack', label: 'negotiation_v2' }),
  ev(350, 'region_leave', 'A', { category: 'fetch-pack', label: 'negotiation_v2' }),
  ev(355, 'child_start', 'A', { child_id: 1, argv: ['git', '--shallow-file', 'x', 'index-pack'] }),
  ev(1350, 'child_exit', 'A', { child_id: 1, code: 0 }),
  ev(1360, 'child_exit', 'A', { child_id: 0, code: 0 }),
  ev(1400, 'exit', 'A', { code: 0 }),
  '{"event":"atexit","sid":"A","ti', // git killed mid-line
].join('\n');

const CURL = [
  "02:10:11.010000 http.c:703              == Info: Couldn't find host x in the .netrc file; using defaults",
  '02:10:11.012000 http.c:703              == Info:   Trying 127.0.0.1:443...',
  '02:10:11.060000 http.c:703              == Info: SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384',
  '02:10:11.070000 http.c:664              => Send header, 0000000123 bytes (0x0000007b)',
  '02:10:11.080000 http.c:676              => Send header: Authorization: Bearer <redacted>',
].join('\n');

describe('clone phases from git trace2 and curl traces', () => {
  it('splits a clone into connect/TLS, ref advertisement, negotiation, pack transfer and the rest', () => {
    const phases = phasesOf(parseTrace2(CLONE), connectMs(CURL));
    expect(phases).not.toBeNull();
    const ms = Object.fromEntries(phases!.phases.map((p) => [p.name, Math.round(p.ms)]));
    expect(phases!.totalMs).toBeCloseTo(1400, 3);
    expect(ms).toEqual({ connect: 60, refs: 240, negotiation: 50, transfer: 1000, other: 50 });
  });

  it('an ls-remote (no fetch-pack) is all ref advertisement after connecting; no trace, no phases', () => {
    const ls = [ev(0, 'start', 'A'), ev(200, 'exit', 'A')].join('\n');
    const phases = phasesOf(parseTrace2(ls), 30)!;
    expect(phases.phases.filter((p) => p.ms > 0)).toEqual([
      { name: 'connect', ms: 30 },
      { name: 'refs', ms: 170 },
    ]);
    expect(phasesOf(parseTrace2('not json\n'), null)).toBeNull();
    expect(connectMs('nothing here')).toBeNull();
  });

  it('over SSH, connect runs from starting ssh to the first packet line from the server', () => {
    // The shape of a real `git clone --depth 1` over SSH, protocol v2 (git 2.39): ssh is a child of git itself.
    const ssh = [
      ev(0, 'start', 'A', { argv: ['git', 'clone'] }),
      ev(4, 'child_start', 'A', { child_id: 0, child_class: 'transport/ssh', argv: ['ssh', '-p', '7999', 'git@bb', "git-upload-pack '/p/r.git'"] }),
      ev(184, 'data', 'A', { category: 'transfer', key: 'negotiated-version', value: '2' }),
      ev(250, 'region_enter', 'A', { category: 'fetch-pack', label: 'parse_remote_refs_and_find_cutoff' }),
      ev(260, 'region_enter', 'A', { category: 'fetch-pack', label: 'negotiation_v2' }),
      ev(280, 'region_leave', 'A', { category: 'fetch-pack', label: 'negotiation_v2' }),
      ev(281, 'child_start', 'A', { child_id: 1, argv: ['git', 'index-pack'] }),
      ev(880, 'child_exit', 'A', { child_id: 1, code: 0 }),
      ev(900, 'exit', 'A', { code: 0 }),
    ].join('\n');
    const events = parseTrace2(ssh);
    expect(sshConnectMs(events)).toBeCloseTo(180, 3);
    const ms = Object.fromEntries(phasesOf(events, sshConnectMs(events))!.phases.map((p) => [p.name, Math.round(p.ms)]));
    expect(ms).toEqual({ connect: 180, refs: 70, negotiation: 30, transfer: 600, other: 20 });
    // A run that never reached the server (refused key, unknown host key) has no connect time.
    expect(
      sshConnectMs(
        parseTrace2([ev(0, 'start', 'A'), ev(4, 'child_start', 'A', { child_id: 0, child_class: 'transport/ssh' }), ev(90, 'exit', 'A')].join('\n')),
      ),
    ).toBeNull();
  });
});

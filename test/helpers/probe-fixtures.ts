import type { ProbeClone, ProbeEndpoint } from '../../shared/model';

/** A successful shallow clone with these phase times (ms), in the order the engine reports them. */
export function cloneOf(ms: { connect: number; refs: number; negotiation: number; transfer: number; other: number }, packBytes: number): ProbeClone {
  const totalMs = ms.connect + ms.refs + ms.negotiation + ms.transfer + ms.other;
  return {
    outcome: 'ok',
    totalMs,
    phases: (['connect', 'refs', 'negotiation', 'transfer', 'other'] as const).map((name) => ({ name, ms: ms[name] })),
    packBytes,
    bytesPerSecond: (packBytes * 1000) / ms.transfer,
    shallow: true,
  };
}

/** A primary endpoint that cloned fine; `over` changes what a test is about. */
export const endpointOf = (over: Partial<ProbeEndpoint>): ProbeEndpoint => ({
  label: 'Production (primary)',
  kind: 'primary',
  transport: 'http',
  url: 'https://bb/scm/WEB/web-ui.git',
  error: null,
  lsRemoteMs: 120,
  refs: { count: 3, head: 'a'.repeat(40) },
  refsMatchPrimary: null,
  refsNote: null,
  cache: 'hit',
  clone: cloneOf({ connect: 0.2, refs: 1_000, negotiation: 0, transfer: 7_800, other: 199.8 }, 93_600_000),
  verdict: '',
  ...over,
});

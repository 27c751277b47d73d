import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../../../electron/engine/probe/verdict';
import type { ProbeEndpoint } from '../../../../shared/model';

describe('verdicts', () => {
  const base: Omit<ProbeEndpoint, 'verdict'> = {
    label: 'São Paulo CI farm',
    kind: 'mirror',
    url: 'https://m/scm/P/r.git',
    error: null,
    lsRemoteMs: 300,
    refs: { count: 2, head: 'a'.repeat(40) },
    refsMatchPrimary: true,
    refsNote: null,
    cache: 'not-counted',
    clone: {
      outcome: 'ok',
      totalMs: 41_000,
      phases: [
        { name: 'connect', ms: 500 },
        { name: 'refs', ms: 2_000 },
        { name: 'negotiation', ms: 100 },
        { name: 'transfer', ms: 38_000 },
        { name: 'other', ms: 400 },
      ],
      packBytes: 79_800_000,
      bytesPerSecond: 2_100_000,
      shallow: true,
    },
  };

  it('names the endpoint, the total and the phase that dominates, with the rate when it is the transfer', () => {
    expect(verdictOf(base)).toBe('São Paulo CI farm: 41 s, 38 s of it receiving the pack at 2.10 MB/s; refs match the primary');
  });

  it('says cache hit or miss for the primary, refs that differ, and errors as they are', () => {
    const primary = { ...base, label: 'Production (primary)', kind: 'primary' as const, refsMatchPrimary: null, cache: 'hit' as const };
    expect(verdictOf(primary)).toBe('Production (primary): 41 s, 38 s of it receiving the pack at 2.10 MB/s; cache hit');
    expect(verdictOf({ ...base, refsMatchPrimary: false, refsNote: 'main is at 1234567 here and 89abcde on the primary' })).toMatch(
      /; refs differ from the primary: main is at 1234567 here and 89abcde on the primary$/,
    );
    expect(verdictOf({ ...base, clone: null, refs: null, refsMatchPrimary: null, error: 'git ls-remote: could not connect.' })).toBe(
      'São Paulo CI farm: git ls-remote: could not connect.',
    );
  });
});

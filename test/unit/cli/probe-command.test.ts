import { describe, expect, it } from 'vitest';
import { formatProbeReport, probeExitCode, PROBE_EXIT } from '../../../electron/cli/probe-command';
import type { ProbeEndpoint, ProbeReport } from '../../../shared/model';
import { endpointOf } from '../../helpers/probe-fixtures';

const endpoint = (over: Partial<ProbeEndpoint>): ProbeEndpoint =>
  endpointOf({ verdict: 'Production (primary): 9.0 s, 7.8 s of it receiving the pack at 12.0 MB/s; cache hit', ...over });

const report = (endpoints: ProbeEndpoint[]): ProbeReport => ({
  primaryId: 'prod',
  projectKey: 'WEB',
  repoSlug: 'web-ui',
  startedAt: 0,
  finishedAt: 9_500,
  gitVersion: '2.39.5',
  protocol: 2,
  transport: 'both',
  full: false,
  capBytes: 200_000_000,
  cancelled: false,
  endpoints,
  notes: ['SSH endpoints are not probed: Production has no `ssh` section (url, privateKey, knownHostsFile) in the config.'],
});

describe('fleetscope probe output', () => {
  it('prints one verdict per endpoint, then the phases that took time, the pack and the URL', () => {
    expect(formatProbeReport(report([endpoint({})]))).toBe(
      [
        'Clone doctor: WEB/web-ui on prod (shallow clone, protocol v2, cap 200 MB, git 2.39.5)',
        '  Production (primary): 9.0 s, 7.8 s of it receiving the pack at 12.0 MB/s; cache hit',
        '      Ref advertisement 1.0 s · Pack transfer 7.8 s · Other 200 ms · 93.6 MB of pack · HTTP(S) https://bb/scm/WEB/web-ui.git',
        '  Note: SSH endpoints are not probed: Production has no `ssh` section (url, privateKey, knownHostsFile) in the config.',
      ].join('\n'),
    );
  });

  it('exits 0 when every endpoint is alike, 1 when refs differ or a clone was capped, 2 when one failed', () => {
    const mirror = endpoint({ label: 'EU farm', kind: 'mirror', cache: 'not-counted', refsMatchPrimary: true });
    expect(probeExitCode(report([endpoint({}), mirror]))).toBe(PROBE_EXIT.ok);
    expect(probeExitCode(report([endpoint({}), { ...mirror, refsMatchPrimary: false }]))).toBe(PROBE_EXIT.differs);
    expect(probeExitCode(report([endpoint({}), { ...mirror, clone: { ...mirror.clone!, outcome: 'capped' } }]))).toBe(PROBE_EXIT.differs);
    expect(probeExitCode(report([endpoint({}), { ...mirror, clone: null, error: 'git ls-remote: could not connect.' }]))).toBe(PROBE_EXIT.failed);
  });
});

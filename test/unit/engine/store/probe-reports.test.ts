import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryStore, type HistoryStore } from '../../../../electron/engine/store/history-store';
import { PROBE_REPORTS_KEPT } from '../../../../shared/model';
import { mirrorEndpoint, reportOf } from '../../../helpers/clone-evidence-fixtures';
import { endpointOf } from '../../../helpers/probe-fixtures';

let dir = '';
let store: HistoryStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;

describe('probe reports in the history store', () => {
  it('keeps the last probes of each repository, newest first, across a reopen', () => {
    dir = mkdtempSync(join(tmpdir(), 'fs-probes-'));
    const path = join(dir, 'history.db');
    store = openHistoryStore({ path });
    const endpoints = [endpointOf({ verdict: 'Production (primary): 9.0 s; cache hit' }), mirrorEndpoint('EU farm', 2_000)];
    for (let i = 1; i <= PROBE_REPORTS_KEPT + 2; i++) store.saveProbeReport(reportOf(endpoints, 1_000 * i));
    store.saveProbeReport(reportOf(endpoints, 50_000, { repoSlug: 'api' }));
    store.saveProbeReport(reportOf(endpoints, 60_000, { primaryId: 'staging' }));
    store.close();

    store = openHistoryStore({ path });
    const kept = store.probeReports('prod', 'WEB', 'web-ui', 10);
    expect(kept.map((r) => r.finishedAt)).toEqual([7_000, 6_000, 5_000, 4_000, 3_000]);
    expect(kept[0]).toEqual(reportOf(endpoints, 7_000));
    expect(store.probeReports('prod', 'WEB', 'web-ui', 2)).toHaveLength(2);
    // A link may spell the key and slug differently; other repositories and primaries keep their own.
    expect(store.probeReports('prod', 'web', 'WEB-UI', 10)).toHaveLength(PROBE_REPORTS_KEPT);
    expect(store.probeReports('prod', 'WEB', 'api', 10).map((r) => r.repoSlug)).toEqual(['api']);
    expect(store.probeReports('staging', 'WEB', 'web-ui', 10).map((r) => r.primaryId)).toEqual(['staging']);
    expect(store.probeReports('prod', 'WEB', 'nothing', 10)).toEqual([]);
  });

  it('prunes probe reports with the rest of the history', () => {
    store = openHistoryStore({ path: ':memory:', retentionDays: 1 });
    store.saveProbeReport(reportOf([endpointOf({})], 1_000));
    store.saveProbeReport(reportOf([endpointOf({})], 3 * DAY));
    expect(store.prune(3 * DAY + 1_000).deleted).toBe(1);
    expect(store.probeReports('prod', 'WEB', 'web-ui', 5).map((r) => r.finishedAt)).toEqual([3 * DAY]);
  });
});

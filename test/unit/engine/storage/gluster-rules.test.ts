import { describe, expect, it } from 'vitest';
import { candidate } from '../../../../electron/engine/storage/candidate';
import { serverQuorum } from '../../../../electron/engine/storage/cluster-rules';
import { FindingTracker, verdictOf } from '../../../../electron/engine/storage/finding-tracker';
import { peerStatusXml } from '../../../../electron/demo/storage/gluster-xml-writer';
import { geoRepStatusXml } from '../../../../electron/demo/storage/gluster-xml-health';
import { findingKeys, fixture, runScenario, type Scenario } from './gluster-scenario';

const shared = (o: Partial<Scenario> = {}): Scenario => ({
  volume: 'bbshared',
  info: 'volume-info.bbshared.replica3.xml',
  status: 'volume-status.bbshared.all-up-after-heal.xml',
  detail: 'volume-status-detail.bbshared.all-up.xml',
  heal: { bbshared: 'heal-info-summary.bbshared.all-up.xml' },
  ...o,
});
const volumeOf = async (sc: Scenario, opts: Parameters<typeof runScenario>[1] = {}) => {
  const { source } = await runScenario(sc, opts);
  const v = source.volumes.find((x) => x.name === sc.volume)!;
  return { source, v, keys: findingKeys(v.findings) };
};
/** A fixture with some text replaced, as literal output. */
const edit = (name: string, ...pairs: Array<[string | RegExp, string]>): { text: string } => ({
  text: pairs.reduce<string>((t, [a, b]) => t.replace(a, b), fixture(name)),
});
/** Heal summary of bbshared with every Connected brick reporting `pending` entries. */
const healWith = (pending: number, splitBrain = 0): { text: string } =>
  edit(
    'heal-info-summary.bbshared.all-up.xml',
    [/<totalNumberOfEntries>0</g, `<totalNumberOfEntries>${pending + splitBrain}<`],
    [/<numberOfEntriesInHealPending>0</g, `<numberOfEntriesInHealPending>${pending}<`],
    [/<numberOfEntriesInSplitBrain>0</g, `<numberOfEntriesInSplitBrain>${splitBrain}<`],
  );

describe('hysteresis: a finding holds for two polls before it raises or clears', () => {
  const c = (id: string, severity: 'info' | 'warning' | 'critical' = 'warning') =>
    candidate({ rule: id, subject: 'x', severity, title: id, explanation: '', volume: 'v' });

  it('confirms, raises, clears and drops', () => {
    const t = new FindingTracker();
    expect(t.update([c('a')], 1).map((f) => f.state)).toEqual(['confirming']);
    expect(t.update([c('a')], 2).map((f) => [f.state, f.since])).toEqual([['raised', 1]]);
    expect(t.update([], 3).map((f) => f.state)).toEqual(['clearing']);
    expect(t.update([c('a')], 4).map((f) => f.state)).toEqual(['raised']);
    expect(t.update([], 5).map((f) => f.state)).toEqual(['clearing']);
    expect(t.update([], 6)).toEqual([]);
  });

  it('a one-poll blip (a brick restarted with a new port) never raises', () => {
    const t = new FindingTracker();
    t.update([c('brick-down')], 1);
    expect(t.update([], 2)).toEqual([]);
    expect(t.update([c('brick-down')], 3).map((f) => f.state)).toEqual(['confirming']);
  });

  it('keeps the worst first and follows a change of severity at once', () => {
    const t = new FindingTracker();
    t.update([c('cap', 'warning'), c('heal', 'info')], 1);
    const f = t.update([c('cap', 'critical'), c('heal', 'info')], 2);
    expect(f.map((x) => `${x.rule}:${x.severity}`)).toEqual(['cap:critical', 'heal:info']);
  });

  it('verdict: worst raised; unconfirmed or missing makes it unknown, never ok', () => {
    const raised = (severity: 'info' | 'warning' | 'critical', state: 'raised' | 'confirming' = 'raised') => ({
      id: severity,
      rule: severity,
      severity,
      title: `t-${severity}`,
      explanation: '',
      detail: null,
      volume: null,
      state,
      since: 0,
    });
    expect(verdictOf([], []).verdict).toBe('ok');
    expect(verdictOf([raised('info')], []).verdict).toBe('ok');
    expect(verdictOf([raised('warning', 'confirming')], []).verdict).toBe('unknown');
    expect(verdictOf([raised('info', 'confirming')], []).verdict).toBe('ok');
    expect(verdictOf([], ['Heal info has not been read yet.'])).toEqual({ verdict: 'unknown', reason: 'Heal info has not been read yet.' });
    expect(verdictOf([raised('warning')], ['missing']).verdict).toBe('degraded');
    expect(verdictOf([raised('warning'), raised('critical')], []).verdict).toBe('critical');
  });

  it('a volume whose brick dies shows unknown on the first poll and degraded on the second', async () => {
    const sc = shared({ status: ['volume-status.bbshared.all-up-after-heal.xml', 'volume-status.bbshared.one-brick-down.xml'] });
    const one = await volumeOf(sc, { polls: 2 });
    expect([one.v.verdict, one.keys]).toEqual(['unknown', ['brick-down:warning (confirming)']]);
    expect(one.v.bricks[1]!.status).toBe('down');
    const two = await volumeOf(sc, { polls: 3 });
    expect([two.v.verdict, two.keys]).toEqual(['degraded', ['brick-down:warning']]);
  });
});

describe('client quorum per replica set', () => {
  it('replica 2 with quorum auto: one brick up is enough only if it is the first', async () => {
    const info = edit('volume-info.bbsplit.replica2-quorum-none.xml', ['<value>none</value>', '<value>auto</value>']);
    const base = fixture('volume-status-detail.all.final-mixed.xml');
    const firstDown = base.replace(/(<path>\/tmp\/gluster-bricks\/sb\/b1<\/path>[\s\S]*?<status>)1</, '$10<');
    const secondDown = base.replace(/(<path>\/tmp\/gluster-bricks\/sb\/b2<\/path>[\s\S]*?<status>)1</, '$10<');
    const sc = (status: string): Scenario => ({
      volume: 'bbsplit',
      info,
      status: { text: status },
      detail: { text: base },
      heal: { bbsplit: 'heal-info-summary.bbsplit.after-partial-resolve.xml' },
    });
    const a = await volumeOf(sc(secondDown));
    expect(a.v.replicaSets[0]).toMatchObject({ quorum: 'met', status: 'degraded' });
    expect(a.v.replicaSets[0]!.quorumRule).toMatch(/or 1 including the first brick/);
    const b = await volumeOf(sc(firstDown));
    expect(b.v.replicaSets[0]).toMatchObject({ quorum: 'lost', status: 'down' });
    expect(b.keys).toContain('client-quorum-lost:critical');
  });

  it('quorum fixed uses cluster.quorum-count', async () => {
    const info = edit('volume-info.bbshared.replica3.xml', [
      '<optCount>5</optCount>\n        <options>',
      '<optCount>7</optCount>\n        <options>\n          <option>\n            <name>cluster.quorum-type</name>\n            <value>fixed</value>\n          </option>\n          <option>\n            <name>cluster.quorum-count</name>\n            <value>3</value>\n          </option>',
    ]);
    const { v, keys } = await volumeOf(shared({ info, status: 'volume-status.bbshared.one-brick-down.xml' }));
    expect(v.quorum).toMatchObject({ clientType: 'fixed', clientCount: 3 });
    expect(v.replicaSets[0]).toMatchObject({ quorum: 'lost', quorumRule: 'fixed: at least 3 of 3 bricks up' });
    expect(keys).toEqual(['brick-down:warning', 'client-quorum-lost:critical']);
  });

  it('all bricks of a volume down: volume down, critical', async () => {
    const down = edit('volume-status.bbshared.one-brick-down.xml', [/<status>1<\/status>(\s*<port>\d+)/g, '<status>0</status>$1']);
    const { v, keys } = await volumeOf(shared({ status: down }));
    expect(v.status).toBe('down');
    expect(keys).toEqual(['brick-down:warning', 'brick-down:warning', 'brick-down:warning', 'volume-down:critical']);
  });
});

describe('server quorum', () => {
  const peer = (connected: boolean, stateStr = 'Peer in Cluster') => ({ uuid: 'p', hostname: 'h', hostnames: [], connected, state: 3, stateStr });

  it('counts this server plus connected peers against the ratio', () => {
    expect(serverQuorum([peer(true), peer(false)], { value: '51', isDefault: true })).toMatchObject({ state: 'met', active: 2, total: 3, need: 2 });
    expect(serverQuorum([peer(false), peer(false)], { value: '51', isDefault: true })).toMatchObject({ state: 'lost', need: 2 });
    // An explicit ratio: ceil(total × ratio / 100).
    expect(serverQuorum([peer(true), peer(false)], { value: '90', isDefault: false })).toMatchObject({ state: 'lost', need: 3 });
    expect(serverQuorum(null, undefined).state).toBe('unknown');
  });

  it('a disconnected peer that breaks server quorum is critical, and so is the volume', async () => {
    const peers = {
      text: peerStatusXml([
        { uuid: 'aaaa', hostname: 'gl2', connected: false },
        { uuid: 'bbbb', hostname: 'gl3', connected: false },
      ]),
    };
    const get = edit('volume-get.bbshared.all.xml', [
      '<Option>cluster.server-quorum-type</Option>\n      <Value>off</Value>',
      '<Option>cluster.server-quorum-type</Option>\n      <Value>server</Value>',
    ]);
    const { source, v, keys } = await volumeOf(shared({ peers, get }));
    expect(v.quorum).toMatchObject({ serverType: 'server', server: 'lost' });
    expect(keys).toEqual(['server-quorum-lost:critical']);
    expect(findingKeys(source.findings)).toEqual(['peer-disconnected:critical', 'peer-disconnected:critical']);
  });

  it('a disconnected peer alone is a warning; a rejected one is critical', async () => {
    const peers = {
      text: peerStatusXml([{ uuid: 'aaaa', hostname: 'gl2', connected: false }]).replace('<stateStr>Peer in Cluster', '<stateStr>Peer in Cluster'),
    };
    const a = await runScenario(shared({ peers }));
    expect(findingKeys(a.source.findings)).toEqual(['peer-disconnected:warning']);
    expect(a.source.status).toBe('degraded');
    const rejected = {
      text: peerStatusXml([{ uuid: 'aaaa', hostname: 'gl2', connected: true }])
        .replace('<state>3</state>', '<state>6</state>')
        .replace('Peer in Cluster', 'Peer Rejected'),
    };
    const b = await runScenario(shared({ peers: rejected }));
    expect(findingKeys(b.source.findings)).toEqual(['peer-rejected:critical']);
  });
});

describe('heal backlog over time', () => {
  it('rising is a warning, falling is information', async () => {
    const up = await volumeOf(shared({ heal: { bbshared: [healWith(100), healWith(300)] } }));
    expect([up.v.heal.trend, up.keys]).toEqual(['rising', ['heal-backlog:warning']]);
    expect(up.v.verdict).toBe('degraded');
    const down = await volumeOf(shared({ heal: { bbshared: [healWith(300), healWith(100)] } }));
    expect([down.v.heal.trend, down.keys, down.v.verdict]).toEqual(['falling', ['heal-backlog:info'], 'ok']);
  });

  it('a backlog that does not fall for over twice the heal timeout is stuck', async () => {
    // 25 polls 60 s apart: 24 min with 50 entries waiting (heal-timeout 600 s → stuck after 20 min).
    const { v, keys } = await volumeOf(shared({ heal: { bbshared: healWith(50) } }), { polls: 25, stepMs: 60_000 });
    expect(keys).toEqual(['heal-backlog:warning']);
    expect(v.findings[0]!.title).toMatch(/not draining/);
  });

  it('a very large backlog is critical whatever its trend', async () => {
    const { keys } = await volumeOf(shared({ heal: { bbshared: healWith(20_000) } }));
    expect(keys).toEqual(['heal-backlog:critical']);
  });

  it('a brick the crawl cannot reach while its process runs is flagged until the process changes', async () => {
    const heal = fixture('heal-info-summary.bbshared.brick-down-pending.xml');
    const { v, keys } = await volumeOf(shared({ heal: { bbshared: { text: heal } } }));
    expect(keys).toEqual(['brick-unreachable:warning', 'heal-backlog:info']);
    expect(v.bricks[1]!.status).toBe('up');
    // Heal info read once, then the brick restarts (new pid): the old crawl says nothing about the new process.
    const restarted = edit('volume-status.bbshared.all-up-after-heal.xml', ['<pid>15335</pid>', '<pid>15999</pid>']);
    const after = await volumeOf(shared({ status: ['volume-status.bbshared.all-up-after-heal.xml', restarted], heal: { bbshared: { text: heal } } }), {
      polls: 2,
      requested: false,
      config: { healIntervalSeconds: 3600 },
    });
    expect(after.keys).toEqual(['heal-backlog:info']);
  });
});

describe('geo-replication', () => {
  const pair = (status: string, lastSynced: string | null, failures = 0, brick = '/tmp/gluster-bricks/r3/b1') => ({
    primaryNode: 'vm',
    primaryBrick: brick,
    secondaryUser: 'root',
    secondary: 'vm::bbgeo',
    secondaryNode: '',
    status,
    crawlStatus: status === 'Active' ? 'Changelog Crawl' : 'N/A',
    active: lastSynced ? { entry: 0, data: 0, meta: 0, failures, lastSynced } : null,
    primaryNodeUuid: 'e5a07b98-adda-4395-b223-31881c85bba8',
  });
  const georep = (...pairs: ReturnType<typeof pair>[]) => ({
    text: geoRepStatusXml([{ primaryVolume: 'bbshared', sessionSecondary: 'x:ssh://vm::bbgeo:y', pairs }]),
  });

  it('Faulty is critical', async () => {
    const { keys } = await volumeOf(shared({ georep: georep(pair('Faulty', null), pair('Passive', null, 0, '/tmp/gluster-bricks/r3/b2')) }));
    expect(keys).toEqual(['georep-faulty:critical']);
  });

  it('a last sync older than the threshold, or failed files, is lag', async () => {
    const old = await volumeOf(shared({ georep: georep(pair('Active', '2026-11-21 19:20:00')) }));
    expect(old.keys).toEqual(['georep-lag:warning']);
    expect(old.v.findings[0]!.title).toMatch(/32 min behind/);
    const failing = await volumeOf(shared({ georep: georep(pair('Active', '2026-11-21 19:51:50', 4)) }));
    expect(failing.keys).toEqual(['georep-lag:warning']);
  });

  it('a replica set whose workers are all Passive has no Active worker', async () => {
    const { keys } = await volumeOf(
      shared({
        georep: georep(pair('Passive', null), pair('Passive', null, 0, '/tmp/gluster-bricks/r3/b2'), pair('Passive', null, 0, '/tmp/gluster-bricks/r3/b3')),
      }),
    );
    expect(keys).toEqual(['georep-no-active:warning']);
  });

  it('Initializing... for longer than two minutes is a worker that cannot start', async () => {
    const init = georep(pair('Initializing...', null));
    expect((await volumeOf(shared({ georep: init }), { polls: 2, stepMs: 30_000 })).keys).toEqual([]);
    expect((await volumeOf(shared({ georep: init }), { polls: 7, stepMs: 30_000 })).keys).toEqual(['georep-not-running:warning']);
  });
});

describe('capacity, inodes, quota, tasks, versions, expected volumes', () => {
  const detailWith = (free: number, inodesFree: number) =>
    // The first brick only; the other two stay as captured.
    edit(
      'volume-status-detail.bbshared.all-up.xml',
      ['<sizeFree>246649221120</sizeFree>', `<sizeFree>${Math.round(free)}</sizeFree>`],
      ['<inodesFree>16366091</inodesFree>', `<inodesFree>${Math.round(inodesFree)}</inodesFree>`],
    );
  const total = 270553174016;

  it('warns at 80 % used and is critical at 90 %; inodes at 10 % and 5 % free', async () => {
    expect((await volumeOf(shared({ detail: detailWith(total * 0.21, 16_000_000) }))).keys).toEqual([]);
    expect((await volumeOf(shared({ detail: detailWith(total * 0.19, 16_000_000) }))).keys).toEqual(['brick-capacity:warning']);
    expect((await volumeOf(shared({ detail: detailWith(total * 0.09, 16_000_000) }))).keys).toEqual(['brick-capacity:critical']);
    expect((await volumeOf(shared({ detail: detailWith(total * 0.5, 16_777_216 * 0.09) }))).keys).toEqual(['brick-inodes:warning']);
    expect((await volumeOf(shared({ detail: detailWith(total * 0.5, 16_777_216 * 0.04) }))).keys).toEqual(['brick-inodes:critical']);
  });

  it('thresholds come from the config', async () => {
    const { keys } = await volumeOf(shared({ detail: detailWith(total * 0.3, 16_000_000) }), {
      config: {
        thresholds: {
          capacityWarningPercent: 60,
          capacityCriticalPercent: 95,
          inodesWarningFreePercent: 10,
          inodesCriticalFreePercent: 5,
          healBacklogCritical: 10_000,
          geoRepLagWarningSeconds: 900,
          geoRepInitializingSeconds: 120,
        },
      },
    });
    expect(keys).toEqual(['brick-capacity:warning']);
  });

  it('a hard quota limit reached is critical', async () => {
    const quota = edit('volume-quota-list.bbshared.soft-limit-exceeded.xml', [
      '<hl_exceeded>No</hl_exceeded>\n    </limit>\n  </volQuota>',
      '<hl_exceeded>Yes</hl_exceeded>\n    </limit>\n  </volQuota>',
    ]);
    const { keys } = await volumeOf(shared({ info: 'volume-info.all.final-mixed.xml', status: 'volume-status.bbshared.with-quotad.xml', quota }));
    expect(keys).toEqual(['quota-hard:critical']);
  });

  it('a failed rebalance is a warning, a running one information', async () => {
    const status = (s: string) =>
      edit('volume-status.bbartifacts.all-up.xml', [
        '<tasks/>',
        `<tasks>\n          <task>\n            <type>Rebalance</type>\n            <id>t1</id>\n            <status>4</status>\n            <statusStr>${s}</statusStr>\n          </task>\n        </tasks>`,
      ]);
    const sc = (s: string): Scenario => ({
      volume: 'bbartifacts',
      info: 'volume-info.bbartifacts.distrep-2x3.xml',
      status: status(s),
      detail: 'volume-status-detail.all.all-up.xml',
      heal: { bbartifacts: 'heal-info-summary.bbartifacts.after-restart.xml' },
    });
    expect((await volumeOf(sc('failed'))).keys).toEqual(['task-failed:warning']);
    expect((await volumeOf(sc('in progress'))).keys).toEqual(['task-running:info']);
  });

  it('an op-version below the maximum is information', async () => {
    const global = edit('volume-get.all.all.xml', [
      '<Option>cluster.op-version</Option>\n      <Value>100000',
      '<Option>cluster.op-version</Option>\n      <Value>90000',
    ]);
    const { source } = await runScenario(shared({ global }));
    expect(findingKeys(source.findings)).toEqual(['version-skew:info']);
    expect(source.status).toBe('up');
  });

  it('an expected volume that does not exist is critical; one seen started and then stopped is critical', async () => {
    const { source } = await runScenario(shared({ expectedVolumes: ['bbshared', 'bbhome'] }));
    expect(findingKeys(source.findings)).toEqual(['volume-missing:critical']);
    const stopped = edit('volume-info.bbshared.replica3.xml', ['<status>1</status>', '<status>2</status>'], ['<statusStr>Started', '<statusStr>Stopped']);
    const { v, keys } = await volumeOf(shared({ info: ['volume-info.bbshared.replica3.xml', stopped] }), { polls: 3 });
    expect(v.state).toBe('Stopped');
    expect(keys).toEqual(['volume-not-started:critical']);
  });
});

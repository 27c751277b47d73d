import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogReport } from '../../../../shared/model/access-log';
import { Catalog } from '../../../../electron/demo/catalog';
import { createRng } from '../../../../electron/demo/prng';
import { DemoAccessLog } from '../../../../electron/demo/scm-cache/access-log-sink';
import { ScmCachePlugin } from '../../../../electron/demo/scm-cache/plugin-model';
import { CacheTraffic, type TrafficObserver } from '../../../../electron/demo/scm-cache/traffic';
import { analyseAccessLogs } from '../../../../electron/engine/access-log/analyse';

const START = Date.UTC(2026, 10, 2, 9, 0, 0);
let dir: string;
let plainLog: string;
/** What the cache model decided, request by request, as the log writer was told. */
const seen = { refs: { hits: 0, misses: 0 }, 'upload-pack': { hits: 0, misses: 0 } };

/** The figures, without where they were read from. */
const figures = (r: AccessLogReport): unknown => ({ ...r, sources: r.sources.length, unparsable: r.unparsable.count });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fs-access-log-'));
  // The simulated primary's traffic model writes its log over one warm-up hour and ten more minutes.
  const plugin = new ScmCachePlugin(true, false);
  const catalog = new Catalog(createRng(1), 80, [{ name: 'bamboo', displayName: 'Bamboo' }]);
  const log = new DemoAccessLog(join(dir, 'demo'), createRng(2), ['NODE01', 'NODE02', 'NODE03'], catalog.users);
  const observer: TrafficObserver = {
    request: (t, kind, repo, protocol, version, hit, pack) => {
      if (hit !== null) seen[kind][hit ? 'hits' : 'misses'] += 1;
      log.request(t, kind, repo, protocol, version, hit, pack);
    },
    push: (t, repo) => log.push(t, repo),
  };
  const traffic = new CacheTraffic(plugin, catalog, createRng(3), START, observer);
  traffic.advance(START + 10 * 60_000);
  log.close();
  plainLog = log.path;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('access logs from the simulated fleet', () => {
  it('carry the cache model’s own hits and misses', async () => {
    const r = await analyseAccessLogs([plainLog]);
    const hits = r.cache.byKind.clone.hit + r.cache.byKind.shallow.hit;
    const misses = r.cache.byKind.clone.miss + r.cache.byKind.shallow.miss;
    expect(hits + misses).toBeGreaterThan(1000);
    expect({ hits, misses }).toEqual(seen['upload-pack']);
    expect({ hits: r.cache.byKind.refs.hit, misses: r.cache.byKind.refs.miss }).toEqual(seen.refs);
    expect(r.cache.byKind.refs.hit + r.cache.byKind.refs.miss).toBeGreaterThan(1000);
    expect(r.lines.unparsable).toBe(0);
    expect(r.lines.unpairedRequests).toBe(0);
    expect(r.durations.byNode.map((n) => n.node)).toEqual(['NODE01', 'NODE02', 'NODE03']);
  });

  it('rotated into .gz and .bz2 parts and zipped like a support bundle, give the same figures as the plain log', async () => {
    const text = readFileSync(plainLog, 'utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    const third = Math.floor(lines.length / 3);
    const parts = [lines.slice(0, third), lines.slice(third, 2 * third), lines.slice(2 * third)].map((p) => `${p.join('\n')}\n`);
    const logs = join(dir, 'bundle', 'application-logs');
    mkdirSync(logs, { recursive: true });
    writeFileSync(join(logs, 'atlassian-bitbucket-access-2026-11-02.0.log.gz'), gzipSync(parts[0]!));
    writeFileSync(join(logs, 'atlassian-bitbucket-access-2026-11-02.1.log'), parts[1]!);
    execFileSync('bzip2', ['-z', join(logs, 'atlassian-bitbucket-access-2026-11-02.1.log')]);
    writeFileSync(join(logs, 'atlassian-bitbucket-access.log'), parts[2]!);
    writeFileSync(join(logs, 'atlassian-bitbucket.log'), 'not an access log | ignored\n');
    const zip = join(dir, 'Bitbucket_support_2026-11-02.zip');
    execFileSync('zip', ['-qr', zip, 'application-logs'], { cwd: join(dir, 'bundle') });

    const plain = await analyseAccessLogs([plainLog]);
    const fromZip = await analyseAccessLogs([zip]);
    const fromFolder = await analyseAccessLogs([logs]);
    expect(fromZip.sources.map((s) => s.name.split('!')[1])).toEqual([
      'application-logs/atlassian-bitbucket-access-2026-11-02.0.log.gz',
      'application-logs/atlassian-bitbucket-access-2026-11-02.1.log.bz2',
      'application-logs/atlassian-bitbucket-access.log',
    ]);
    expect(figures(fromZip)).toEqual({ ...(figures(plain) as object), sources: 3 });
    expect(figures(fromFolder)).toEqual({ ...(figures(plain) as object), sources: 3 });
  });

  it('a day of more than ten parts is read oldest first (.2 before .10), from a folder and from a support zip', async () => {
    const lines = readFileSync(plainLog, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const size = Math.ceil(lines.length / 12);
    const logs = join(dir, 'day', 'application-logs');
    mkdirSync(logs, { recursive: true });
    for (let i = 0; i < 12; i++) {
      const part = `${lines.slice(i * size, (i + 1) * size).join('\n')}\n`;
      const name = join(logs, `atlassian-bitbucket-access-2026-11-02.${i}.log`);
      if (i % 2 === 0) writeFileSync(`${name}.gz`, gzipSync(part));
      else writeFileSync(name, part);
    }
    const zip = join(dir, 'Bitbucket_support_day.zip');
    execFileSync('zip', ['-qr', zip, 'application-logs'], { cwd: join(dir, 'day') });

    const plain = await analyseAccessLogs([plainLog]);
    const fromFolder = await analyseAccessLogs([logs]);
    const fromZip = await analyseAccessLogs([zip]);
    // As a shell's `access*` names them.
    const named = await analyseAccessLogs(fromFolder.sources.map((s) => s.name).sort());
    expect(named.sources.map((s) => s.name)).toEqual(fromFolder.sources.map((s) => s.name));
    expect(fromFolder.sources.map((s) => s.name.replace(/.*access-2026-11-02\./, ''))).toEqual(
      Array.from({ length: 12 }, (_, i) => `${i}.log${i % 2 === 0 ? '.gz' : ''}`),
    );
    // Read by name (.0, .1, .10, .11, .2, …), responses came before their requests: unpaired requests, fewer in flight.
    expect(figures(fromFolder)).toEqual({ ...(figures(plain) as object), sources: 12 });
    expect(figures(fromZip)).toEqual({ ...(figures(plain) as object), sources: 12 });
  });

  it('a file with corrupt and truncated lines reports them and carries on', async () => {
    const broken = join(dir, 'broken-access.log');
    const lines = readFileSync(plainLog, 'utf8').split('\n').slice(0, 2000);
    lines.splice(500, 0, '\u0000\u0001 binary garbage \uFFFD', lines[501]!.slice(0, 40), 'x'.repeat(100_000));
    writeFileSync(broken, lines.join('\n'));
    appendFileSync(broken, '\n10.0.0.1 | https | o*N1x1x1x0 | - | 2026-11-02 09:00:00,000 | "POST /scm/A/b.git/git-upload-pack HTTP/1.1" | "" ""');
    const progress: number[] = [];
    const r = await analyseAccessLogs([broken], { onProgress: (p) => progress.push(p.bytesDone), progressEveryBytes: 64 * 1024 });
    expect(r.unparsable.count).toBe(4);
    expect(r.unparsable.examples.map((e) => [e.line, e.reason])).toEqual([
      [501, 'too few fields'],
      [502, 'too few fields'],
      [503, 'too few fields'],
      [2004, 'truncated (no closing "|")'],
    ]);
    expect(r.unparsable.examples[2]!.text.length).toBeLessThanOrEqual(300);
    expect(r.operations.total).toBeGreaterThan(500);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('Cancelled by the user.'));
    await expect(analyseAccessLogs([plainLog], { signal: controller.signal })).rejects.toThrow('Cancelled by the user.');
  });

  it('says what is wrong with a path that is not there or holds no access log', async () => {
    await expect(analyseAccessLogs([join(dir, 'missing.log')])).rejects.toThrow(/no such file or folder/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await expect(analyseAccessLogs([empty])).rejects.toThrow(/No access log found/);
  });
});

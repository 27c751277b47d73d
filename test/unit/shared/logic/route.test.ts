import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alertRoute } from '../../../../shared/logic/alert-route';
import { formatRoute, hashFromLink, OVERVIEW, parseRoute, repoRoute, ROUTE_PARAMS, ROUTE_VIEWS, viewRoute, type Route } from '../../../../shared/logic/route';
import { makePrimary, makeSnapshot, T0 } from '../../../renderer/fixtures';
import { makeFarm } from '../../../renderer/mirrors-fixtures';
import { makeFinding, makeStorage, makeVolume } from '../../../renderer/storage-fixtures';

describe('routes', () => {
  it('reads and writes a repository with its primary and range', () => {
    const hash = '#/repo/WEB/web-ui?primary=prod&range=6h';
    expect(parseRoute(hash)).toEqual({ view: 'repo', repo: { projectKey: 'WEB', repoSlug: 'web-ui' }, params: { primary: 'prod', range: '6h' } });
    expect(formatRoute(parseRoute(hash))).toBe(hash);
    expect(formatRoute(repoRoute('~ALICE', 'dot.files'))).toBe('#/repo/~ALICE/dot.files');
  });

  it('keeps filters and sorts, drops unknown keys, and writes params in one order', () => {
    expect(formatRoute(parseRoute('#/caches?sort=misses&evil=1&q=plat%2F&primary=prod'))).toBe('#/caches?primary=prod&q=plat%2F&sort=misses');
  });

  it('anything it cannot read is the Overview, never an exception', () => {
    for (const bad of ['', '#', '#token=abc', '#/nowhere', '#/repo/WEB', '#/repo/W EB/x', '#/repo/%E0%A4%A/x', '#/repo/a/b%2Fc']) {
      expect(parseRoute(bad)).toEqual(OVERVIEW);
    }
  });

  it('any route survives a round trip through its URL', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_.~-]{1,20}$/);
    const route = fc.oneof(
      fc.record({ view: fc.constantFrom(...ROUTE_VIEWS.filter((v) => v !== 'repo')), repo: fc.constant(null) }),
      fc.record({ view: fc.constant('repo' as const), repo: fc.record({ projectKey: part, repoSlug: part }) }),
    );
    const params = fc.dictionary(fc.constantFrom(...ROUTE_PARAMS), fc.string({ minLength: 1, maxLength: 30 }));
    fc.assert(
      fc.property(route, params, (r, p) => {
        const full = { ...r, params: p } as Route;
        expect(parseRoute(formatRoute(full))).toEqual(full);
      }),
    );
  });

  it('desktop links: fleetscope:// and routes on the command line, nothing else', () => {
    expect(hashFromLink('fleetscope://repo/WEB/web-ui?primary=prod')).toBe('#/repo/WEB/web-ui?primary=prod');
    expect(hashFromLink('FLEETSCOPE:///overview')).toBe('#/overview');
    expect(hashFromLink('#/storage?volume=bbshared')).toBe('#/storage?volume=bbshared');
    expect(hashFromLink('https://evil.example.com/#/repo/A/b')).toBeNull();
    expect(hashFromLink('fleetscope://unknown')).toBeNull();
    expect(hashFromLink('--demo')).toBeNull();
  });
});

describe('alert links', () => {
  const primary = makePrimary();
  const farm = makeFarm();
  const finding = makeFinding({ id: 'brick-down:bbshared:gluster3:/b', volume: 'bbshared' });
  const storage = makeStorage({ volumes: [makeVolume({ name: 'bbshared', findings: [finding] })] });
  const snapshot = makeSnapshot({ primaries: [primary], mirrorFarms: [farm], storage: [storage] });
  const alert = (id: string, targetId: string) => ({ id, targetId, severity: 'warning' as const, title: 't', message: 'm', since: T0 });

  it('each kind of alert goes to the page that explains it', () => {
    expect(alertRoute(alert(`${primary.id}:degraded`, primary.id), snapshot)).toEqual(viewRoute('overview', { primary: primary.id }));
    expect(alertRoute(alert(`${primary.id}:cache-disk-guard`, primary.id), snapshot)).toEqual(viewRoute('caches', { primary: primary.id }));
    expect(alertRoute(alert(`mirrors:${farm.id}:degraded`, farm.id), snapshot)).toEqual(viewRoute('mirrors', { farm: farm.id }));
    expect(alertRoute(alert(`mirrors:${primary.id}:request:7`, primary.id), snapshot)).toEqual(viewRoute('mirrors', { primary: primary.id }));
    expect(alertRoute(alert(`${storage.id}:${finding.id}`, storage.id), snapshot)).toEqual(viewRoute('storage', { source: storage.id, volume: 'bbshared' }));
    expect(alertRoute(alert(`${storage.id}:status`, storage.id), snapshot)).toEqual(viewRoute('storage', { source: storage.id }));
    expect(alertRoute(alert('gone:down', 'gone'), snapshot)).toEqual(OVERVIEW);
  });
});

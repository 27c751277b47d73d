import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCheckReport } from '../../../electron/cli/check-report';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { openHistoryStore } from '../../../electron/engine/store/history-store';
import type { Primary } from '../../../shared/model';

/**
 * What real fleets answer (issue 11 items 1, 2, 4), over real HTTP on loopback: a load-balancer
 * URL and three nodes on their own loopback addresses, named by the admin (`bb-node-N`) other than
 * Bitbucket names them (`ip-10-0-1-N`), with both address shapes of `admin/cluster`; a read-only
 * token that admin endpoints refuse (BSERV-10482); and a wrong password.
 */
const READ_TOKEN = 'good-read-token';
const ADMIN = `Basic ${Buffer.from('svc-admin:admin-pw').toString('base64')}`;
const NODE_ADDRS = ['127.0.0.11', '127.0.0.12', '127.0.0.13', '127.0.0.14'];
const errors = (message: string, exceptionName: string) => JSON.stringify({ errors: [{ context: null, message, exceptionName }] });

const servers: Server[] = [];
async function listen(host: string, handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, host, r));
  return `http://${host}:${(s.address() as AddressInfo).port}`;
}

let lb = '';
const nodeUrls: string[] = [];

beforeAll(async () => {
  for (const addr of NODE_ADDRS) {
    nodeUrls.push(
      await listen(addr, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ state: 'RUNNING' }));
      }),
    );
  }
  lb = await listen('127.0.0.1', (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const auth = req.headers.authorization;
    const json = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(body);
    };
    if (path === '/rest/api/1.0/application-properties')
      return json(200, JSON.stringify({ version: '9.4.22', buildNumber: '9004022', displayName: 'Bitbucket' }));
    const who = auth === ADMIN ? 'admin' : auth === `Bearer ${READ_TOKEN}` ? 'reader' : auth ? 'rejected' : 'anonymous';
    if (who === 'rejected')
      return json(
        401,
        errors('Authentication failed. Please check your credentials and try again.', 'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException'),
      );
    if (path === '/rest/api/1.0/admin/cluster') {
      if (who !== 'admin') return json(401, errors('You are not permitted to access this resource', 'com.atlassian.bitbucket.AuthorisationException'));
      const node = (n: number, address: object) => ({ id: `uuid-${n}`, name: `ip-10-0-1-${n}`, address, local: n === 1, buildVersion: '9.4.22' });
      return json(
        200,
        JSON.stringify({
          running: true,
          nodes: [
            node(1, { address: '127.0.0.11', port: 5701 }),
            node(2, { hostName: '127.0.0.12', port: 5701 }),
            node(3, { address: '10.9.9.13', hostName: '127.0.0.13', port: 5701 }),
            // Reports an address no configured URL uses: only its name can match.
            { ...node(4, { address: '10.0.1.14', port: 5701 }), name: 'bb-node-4' },
          ],
        }),
      );
    }
    if (path === '/rest/api/1.0/repos') {
      if (who === 'anonymous') return json(200, JSON.stringify({ size: 0, limit: 1000, start: 0, isLastPage: true, values: [] }));
      const values = [1, 2, 3].map((id) => ({ id, slug: `r${id}`, state: 'AVAILABLE', archived: false, project: { key: 'P' } }));
      return json(200, JSON.stringify({ size: 3, limit: 1000, start: 0, isLastPage: true, values }));
    }
    return json(404, errors(`No resource at ${path}`, 'com.atlassian.bitbucket.NoSuchEntityException'));
  });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
});

async function pollOnce(primary: Record<string, unknown>, clock: { t: number } = { t: Date.now() }): Promise<Primary> {
  const config = fleetConfigSchema.parse({
    pollIntervalSeconds: 60,
    primaries: [{ id: 'prod', name: 'Production', baseUrl: lb, timeoutSeconds: 5, ...primary }],
  });
  engine = createEngine({ config, store: openHistoryStore({ path: ':memory:' }), publishDelayMs: 0, now: () => clock.t, slowThresholdMs: 60_000 });
  await engine.firstPoll();
  return engine.snapshot().primaries[0]!;
}

const configuredNodes = () => [1, 2, 3, 4].map((n) => ({ name: `bb-node-${n}`, baseUrl: nodeUrls[n - 1]! }));

describe('item 1: configured nodes matched to cluster members by URL host, then by name', () => {
  it('a healthy 4-node cluster named differently shows 4 nodes, each with the member it is, and is up', async () => {
    const p = await pollOnce({ read: { token: READ_TOKEN }, admin: { username: 'svc-admin', password: 'admin-pw' }, nodes: configuredNodes() });
    expect(p.status, p.statusMessage ?? '').toBe('up');
    expect(p.nodes.map((n) => [n.name, n.memberName, n.matchedBy, n.clusterMember, n.status])).toEqual([
      ['bb-node-1', 'ip-10-0-1-1', 'address', true, 'up'],
      ['bb-node-2', 'ip-10-0-1-2', 'address', true, 'up'],
      ['bb-node-3', 'ip-10-0-1-3', 'address', true, 'up'],
      ['bb-node-4', 'bb-node-4', 'name', true, 'up'],
    ]);
    expect(p.nodes[0]).toMatchObject({ id: 'uuid-1', address: '127.0.0.11:5701', local: true, state: 'RUNNING' });
  });

  it('a node that matches no member by either is "not a cluster member"', async () => {
    const nodes = [...configuredNodes().slice(0, 3), { name: 'bb-node-9', baseUrl: nodeUrls[3]! }];
    const p = await pollOnce({ read: { token: READ_TOKEN }, admin: { username: 'svc-admin', password: 'admin-pw' }, nodes });
    const odd = p.nodes.find((n) => n.name === 'bb-node-9')!;
    expect(odd).toMatchObject({ clusterMember: false, memberName: null, status: 'degraded' });
    expect(odd.message).toMatch(/not a cluster member/);
    // The member nobody matched is listed under its own name.
    expect(p.nodes.find((n) => n.name === 'bb-node-4')).toMatchObject({ clusterMember: true, memberName: 'bb-node-4', matchedBy: null, baseUrl: null });
  });
});

describe('item 2: a read-only token is the recommended setup, not a degraded, stale primary', () => {
  it('admin/cluster refused: an info note explaining BSERV-10482; up, fresh, lastSuccessAt set; check exits 0', async () => {
    const clock = { t: Date.now() };
    const p = await pollOnce({ read: { token: READ_TOKEN }, nodes: configuredNodes() }, clock);
    expect(p.status).toBe('up');
    expect(p.stale).toBe(false);
    expect(p.lastSuccessAt).not.toBeNull();
    expect(p.repositories?.total).toBe(3);
    expect(p.datasets.version).toMatchObject({ state: 'ok', stale: false });
    expect(p.datasets.inventory).toMatchObject({ state: 'ok', stale: false });
    expect(p.datasets.nodes).toMatchObject({
      state: 'not-permitted',
      stale: false,
      message: expect.stringMatching(/BSERV-10482.*admin: \{ username, password \}/),
    });
    expect(p.nodes.every((n) => n.status === 'up')).toBe(true);
    const snap = engine!.snapshot();
    expect(snap.alerts.map((a) => `${a.id}:${a.severity}`)).toEqual(['prod:cluster-membership:info']);
    expect(buildCheckReport(snap).exitCode).toBe(0);
    // Hours later, without new polls, the data is stale; the refused membership never is.
    clock.t += 3 * 3600_000;
    const later = engine!.snapshot().primaries[0]!;
    expect(later.datasets.version.stale).toBe(true);
    expect(later.datasets.nodes.stale).toBe(false);
    expect(later.stale).toBe(true);
  });
});

describe('item 4: a wrong password is a failed credential, not a mostly healthy primary', () => {
  it('says the credential failed and which data is missing; only the version is current', async () => {
    const p = await pollOnce({ read: { token: 'wrong' }, nodes: configuredNodes() });
    expect(p.status).not.toBe('degraded');
    expect(p.status).toBe('unknown');
    expect(p.version).toBe('9.4.22');
    expect(p.statusMessage).toMatch(
      /^The read credential was rejected, so the repository inventory and cluster membership and the node list cannot be read; only the version/,
    );
    expect(p.statusMessage).toMatch(/Authentication failed/);
    expect(p.lastError).toMatchObject({ code: 'auth', httpStatus: 401 });
    expect(p.datasets.inventory).toMatchObject({ state: 'failed', code: 'auth' });
    expect(p.datasets.version.state).toBe('ok');
    expect(buildCheckReport(engine!.snapshot()).exitCode).toBe(3);
  });
});

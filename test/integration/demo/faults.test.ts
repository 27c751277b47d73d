import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { admin, bearer, call, useDemoFleets } from './helpers';

const start = useDemoFleets();

async function refusal(url: string): Promise<string | undefined> {
  // A fresh agent: the point is a new connection, not a pooled one.
  const agent = new Agent();
  try {
    await call(agent, url);
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  } finally {
    await agent.destroy();
  }
}

describe('demo fleet faults', () => {
  it('node-down refuses connections, drops the node from the cluster and recovers on the same port', async () => {
    const h = await start();
    const [node1, node2] = h.primary.nodes;
    if (!node1 || !node2) throw new Error('expected nodes');
    expect((await h.call(`${node2.baseUrl}/status`)).status).toBe(200);

    const state = h.fleet.setFault(h.primary.id, { kind: 'node-down', node: node2.name }, true);
    expect(state.primaries[0]?.faults.nodesDown).toEqual([node2.name]);
    expect(await refusal(`${node2.baseUrl}/status`)).toBe('ECONNREFUSED');
    // A client that had a pooled connection sees it dropped, then refused.
    await expect(h.call(`${node2.baseUrl}/status`)).rejects.toThrow();

    for (const url of [h.primary.baseUrl, node1.baseUrl]) {
      const cluster = (await h.call(`${url}/rest/api/1.0/admin/cluster`, { headers: admin(h.primary) })).json();
      expect(cluster.nodes.map((n: { name: string }) => n.name)).not.toContain(node2.name);
      expect(cluster.nodes).toHaveLength(2);
    }

    const back = await h.call(`${h.fleet.controlUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ targetId: h.primary.id, fault: { kind: 'node-down', node: node2.name }, enabled: false }),
    });
    expect(back.status).toBe(200);
    expect((await h.call(`${node2.baseUrl}/status`)).json()).toEqual({ state: 'RUNNING' });
    const cluster = (await h.call(`${h.primary.baseUrl}/rest/api/1.0/admin/cluster`, { headers: admin(h.primary) })).json();
    expect(cluster.nodes).toHaveLength(3);
  });

  it('answers 503 with an HTML page on the load balancer when every node is down', async () => {
    const h = await start();
    for (const n of h.primary.nodes) h.fleet.setFault(h.primary.id, { kind: 'node-down', node: n.name }, true);
    const r = await h.call(`${h.primary.baseUrl}/rest/api/1.0/projects`, { headers: bearer(h.primary) });
    expect(r.status).toBe(503);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.text).toContain('Service Unavailable');
    // The load balancer answered, not Bitbucket.
    expect(r.headers['x-arequestid']).toBeUndefined();
    for (const n of h.primary.nodes) h.fleet.setFault(h.primary.id, { kind: 'node-down', node: n.name }, false);
    expect((await h.call(`${h.primary.baseUrl}/status`)).status).toBe(200);
  });

  it('slow delays every response of the primary until cleared', async () => {
    // The delay is recorded, not waited out: the test does not depend on how busy the machine is.
    const held: number[] = [];
    const h = await start({ delay: (ms, answer) => (held.push(ms), setImmediate(answer), () => undefined) });
    h.fleet.setFault(h.primary.id, { kind: 'slow', delayMs: 200 }, true);
    expect(h.fleet.state().primaries[0]?.faults.slowMs).toBe(200);
    for (const url of [h.primary.baseUrl, h.primary.nodes[0]?.baseUrl]) expect((await h.call(`${url}/status`)).status).toBe(200);
    expect(held).toEqual([200, 200]);
    h.fleet.setFault(h.primary.id, { kind: 'slow' }, false);
    expect((await h.call(`${h.primary.baseUrl}/status`)).status).toBe(200);
    expect(held).toEqual([200, 200]);
    h.fleet.setFault(h.primary.id, { kind: 'slow' }, true);
    expect(h.fleet.state().primaries[0]?.faults.slowMs).toBe(3000);
  });

  it('server-error answers 500 on REST and /status until cleared', async () => {
    const h = await start();
    h.fleet.setFault(h.primary.id, { kind: 'server-error' }, true);
    const rest = await h.call(`${h.primary.nodes[2]?.baseUrl}/rest/api/1.0/repos`, { headers: bearer(h.primary) });
    expect(rest.status).toBe(500);
    expect(rest.json()).toEqual({ errors: [{ context: null, message: expect.any(String), exceptionName: null }] });
    expect((await h.call(`${h.primary.baseUrl}/status`)).status).toBe(500);
    h.fleet.setFault(h.primary.id, { kind: 'server-error' }, false);
    expect((await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos`, { headers: bearer(h.primary) })).status).toBe(200);
  });

  it('html-login puts a login page in front of REST on the load balancer until cleared', async () => {
    const h = await start();
    h.fleet.setFault(h.primary.id, { kind: 'html-login' }, true);
    const r = await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos`, { headers: bearer(h.primary) });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.text).toContain('<title>Log in - Bitbucket</title>');
    // Nodes are reached directly, not through the proxy.
    expect((await h.call(`${h.primary.nodes[0]?.baseUrl}/rest/api/1.0/repos`, { headers: bearer(h.primary) })).headers['content-type']).toMatch(/json/);
    h.fleet.setFault(h.primary.id, { kind: 'html-login' }, false);
    expect((await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos`, { headers: bearer(h.primary) })).json().values).toHaveLength(25);
  });

  it('says which primaries and nodes exist when asked for an unknown one, and tells listeners about changes', async () => {
    const h = await start();
    expect(() => h.fleet.setFault('nope', { kind: 'server-error' }, true)).toThrow(/no primary "nope".*prod-eu/);
    expect(() => h.fleet.setFault(h.primary.id, { kind: 'node-down', node: 'ghost' }, true)).toThrow(/no node "ghost".*prod-eu-node-1/);
    const seen: boolean[] = [];
    const off = h.fleet.onChange((s) => seen.push(s.primaries[0]?.faults.serverError ?? false));
    h.fleet.setFault(h.primary.id, { kind: 'server-error' }, true);
    h.fleet.setFault(h.primary.id, { kind: 'server-error' }, true);
    off();
    h.fleet.setFault(h.primary.id, { kind: 'server-error' }, false);
    expect(seen).toEqual([true]);
  });

  it('with latency added, faults answer as without it, and a request is answered from the state it arrived in', async () => {
    // The delay is held by the test: an answer is computed when its request arrives and sent when released.
    const waiting: (() => void)[] = [];
    const held: number[] = [];
    const h = await start({ latencyMs: 30, delay: (ms, answer) => (held.push(ms), waiting.push(answer), () => undefined) });
    const released = async <T>(reply: Promise<T>): Promise<T> => {
      while (waiting.length === 0) await new Promise((r) => setTimeout(r, 2));
      waiting.splice(0).forEach((answer) => answer());
      return reply;
    };
    const repos = `${h.primary.baseUrl}/rest/api/1.0/repos`;
    h.fleet.setFault(h.primary.id, { kind: 'server-error' }, true);
    expect((await released(h.call(repos, { headers: bearer(h.primary) }))).status).toBe(500);
    h.fleet.setFault(h.primary.id, { kind: 'server-error' }, false);
    h.fleet.setFault(h.primary.id, { kind: 'html-login' }, true);
    const login = await released(h.call(repos, { headers: bearer(h.primary) }));
    expect([login.status, login.headers['content-type']]).toEqual([200, expect.stringMatching(/^text\/html/)]);
    h.fleet.setFault(h.primary.id, { kind: 'html-login' }, false);
    h.fleet.setFault(h.primary.id, { kind: 'slow', delayMs: 200 }, true);
    expect((await released(h.call(`${h.primary.baseUrl}/status`))).status).toBe(200);
    h.fleet.setFault(h.primary.id, { kind: 'slow' }, false);
    expect(held).toEqual([30, 30, 230]);

    // A fault switched on while an answer travels does not change it; the next request sees it.
    const travelling = h.call(repos, { headers: bearer(h.primary) });
    while (waiting.length === 0) await new Promise((r) => setTimeout(r, 2));
    h.fleet.setFault(h.primary.id, { kind: 'server-error' }, true);
    expect((await released(travelling)).status).toBe(200);
    expect((await released(h.call(repos, { headers: bearer(h.primary) }))).status).toBe(500);
  });

  it('adds latencyMs to every response', async () => {
    const h = await start({ latencyMs: 150 });
    const t0 = performance.now();
    await h.call(`${h.primary.baseUrl}/status`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

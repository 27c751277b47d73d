import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { demoFleetConfig, demoFleetConfigYaml } from '../../../electron/demo';
import { demoStateSchema } from '../../../shared/model/demo';
import { useDemoFleets } from './helpers';

const start = useDemoFleets();
const JSON_HEADERS = { 'content-type': 'application/json' };

describe('demo fleet control API', () => {
  it('reports the state and switches a fault', async () => {
    const h = await start({ primaries: 2, speed: 5 });
    expect(new URL(h.fleet.controlUrl).hostname).toBe('127.0.0.1');
    const state = await h.call(`${h.fleet.controlUrl}/state`);
    expect(state.status).toBe(200);
    expect(demoStateSchema.parse(state.json())).toEqual(h.fleet.state());
    expect(state.json().speed).toBe(5);
    expect(state.json().primaries.map((p: { id: string }) => p.id)).toEqual(['prod-eu', 'prod-us']);

    const changed = await h.call(`${h.fleet.controlUrl}/faults`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ targetId: 'prod-us', fault: { kind: 'slow', delayMs: 1500 }, enabled: true }),
    });
    expect(changed.status).toBe(200);
    expect(changed.json().primaries[1].faults).toEqual({ nodesDown: [], slowMs: 1500, serverError: false, htmlLogin: false });
    expect(h.fleet.state().primaries[1]?.faults.slowMs).toBe(1500);
  });

  it('answers bad input with 400 and a message that says what to send', async () => {
    const h = await start();
    const post = (body: string, headers: Record<string, string> = JSON_HEADERS) => h.call(`${h.fleet.controlUrl}/faults`, { method: 'POST', headers, body });
    const cases = [
      '{not json',
      JSON.stringify({ targetId: 'prod-eu', fault: { kind: 'melt' }, enabled: true }),
      JSON.stringify({ targetId: 'prod-eu', fault: { kind: 'server-error' } }),
      JSON.stringify({ targetId: 'nope', fault: { kind: 'server-error' }, enabled: true }),
      JSON.stringify({ targetId: 'prod-eu', fault: { kind: 'node-down', node: 'ghost' }, enabled: true }),
    ];
    for (const body of cases) {
      const r = await post(body);
      expect(r.status, body).toBe(400);
      expect(r.json()).toEqual({ error: { code: 'invalid-argument', message: expect.any(String) } });
    }
    expect((await post('{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await h.call(`${h.fleet.controlUrl}/elsewhere`)).json().error.code).toBe('not-found');
    expect((await h.call(`${h.fleet.controlUrl}/state`, { headers: { host: 'evil.example:80' } })).status).toBe(403);
    expect(h.fleet.state().primaries[0]?.faults.serverError).toBe(false);
  });
});

describe('demo fleet config', () => {
  it('prints YAML that parses to a config pointing at the running fleet', async () => {
    const h = await start({ primaries: 2 });
    const text = demoFleetConfigYaml(h.fleet, { pollIntervalSeconds: 5 });
    expect(text.split('\n')[0]).toMatch(/^#/);
    expect(text).toMatch(/^#.*throwaway demo credentials/m);
    const config = parse(text);
    expect(config).toEqual(demoFleetConfig(h.fleet, { pollIntervalSeconds: 5 }));
    expect(config.pollIntervalSeconds).toBe(5);
    expect(config.primaries).toHaveLength(2);
    const [first] = config.primaries;
    expect(Object.keys(first).sort()).toEqual(['admin', 'baseUrl', 'id', 'name', 'nodes', 'read']);
    expect(first).toMatchObject({
      id: 'prod-eu',
      name: 'Production EU',
      baseUrl: h.primary.baseUrl,
      read: { token: h.primary.read.token },
      admin: { username: h.primary.admin.username, password: h.primary.admin.password },
    });
    expect(first.nodes).toEqual(h.primary.nodes);

    const r = await h.call(`${first.baseUrl}/rest/api/1.0/users?limit=1`, { headers: { authorization: `Bearer ${first.read.token}` } });
    expect(r.status).toBe(200);
    expect(demoFleetConfig(h.fleet).pollIntervalSeconds).toBe(15);
  });
});

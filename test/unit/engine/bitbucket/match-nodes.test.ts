import { describe, expect, it } from 'vitest';
import { matchNodes, resolveNodeHosts } from '../../../../electron/engine/bitbucket/match-nodes';
import { normaliseCluster } from '../../../../electron/engine/bitbucket/normalise';

const members = (...nodes: object[]) => normaliseCluster({ nodes }).nodes;
const summary = (m: ReturnType<typeof matchNodes>) => Object.fromEntries([...m].map(([k, v]) => [k, `${v.member.name}/${v.by}`]));

describe('matching configured nodes to cluster members (issue 11 item 1)', () => {
  it('by address.address, address.hostName, a flat "host:port", ipAddress, a short host name, and a resolved name', async () => {
    const configured = [
      { name: 'a', baseUrl: 'https://10.0.1.11:7990' },
      { name: 'b', baseUrl: 'https://bb2.example.com' },
      { name: 'c', baseUrl: 'http://10.0.1.13:7990/bitbucket' },
      { name: 'd', baseUrl: 'http://[fd00::4]:7990' },
      { name: 'e', baseUrl: 'http://bb5:7990' },
      { name: 'f', baseUrl: 'http://localhost:7990' },
    ];
    const cluster = members(
      { id: '1', name: 'm1', address: { address: '10.0.1.11', port: 5701 } },
      { id: '2', name: 'm2', address: { hostName: 'BB2.example.com.', port: 5701 } },
      { id: '3', name: 'm3', address: '10.0.1.13:5701' },
      { id: '4', name: 'm4', address: { address: 'fd00::4', port: 5701 } },
      { id: '5', name: 'm5', address: { hostName: 'bb5.corp.example.com', port: 5701 } },
      { id: '6', name: 'm6', ipAddress: '127.0.0.1' },
    );
    const hosts = await resolveNodeHosts(configured);
    expect(summary(matchNodes(configured, cluster, hosts))).toEqual({
      a: 'm1/address',
      b: 'm2/address',
      c: 'm3/address',
      d: 'm4/address',
      e: 'm5/address',
      f: 'm6/address',
    });
  });

  it('several members on one host: the port decides, then the name; each member matches once; by name last', () => {
    const configured = [
      { name: 'node-1', baseUrl: 'http://10.0.0.5:7991' },
      { name: 'node-2', baseUrl: 'http://10.0.0.5:7992' },
      { name: 'ip-9', baseUrl: 'http://10.9.9.9:7990' },
    ];
    const cluster = members(
      { id: '1', name: 'node-1', address: { address: '10.0.0.5', port: 5701 } },
      { id: '2', name: 'x-2', address: { address: '10.0.0.5', port: 7992 } },
      { id: '9', name: 'IP-9', address: { address: '172.16.0.9', port: 5701 } },
    );
    const hosts = new Map(configured.map((n) => [n.name, { host: new URL(n.baseUrl).hostname, port: Number(new URL(n.baseUrl).port), addresses: [] }]));
    expect(summary(matchNodes(configured, cluster, hosts))).toEqual({ 'node-2': 'x-2/address', 'node-1': 'node-1/name', 'ip-9': 'IP-9/name' });
  });

  it('a node that left the cluster never takes the member left on its shared host', () => {
    // Three nodes on one machine, the second one down: admin/cluster lists only the other two.
    const configured = ['node-1', 'node-2', 'node-3'].map((name, i) => ({ name, baseUrl: `http://127.0.0.1:${7991 + i}` }));
    const cluster = members(
      { id: '1', name: 'node-1', address: { address: '127.0.0.1', port: 5701 } },
      { id: '3', name: 'node-3', address: { address: '127.0.0.1', port: 5703 } },
    );
    const hosts = new Map(configured.map((n) => [n.name, { host: '127.0.0.1', port: Number(new URL(n.baseUrl).port), addresses: [] }]));
    expect(summary(matchNodes(configured, cluster, hosts))).toEqual({ 'node-1': 'node-1/name', 'node-3': 'node-3/name' });
  });
});

import type { FleetConfig } from '../../electron/engine/config/fleet-config-schema';

const M = '/rest/mirroring/latest';

/** Leaves the 3-node farm, which mirrors every project, as the first primary's only mirror. */
export async function onlyTheFarm(config: FleetConfig): Promise<void> {
  const p = config.primaries[0]!;
  const admin = p.admin as { username: string; password: string };
  const headers = { authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`, 'x-atlassian-token': 'no-check' };
  const servers = (await (await fetch(`${p.baseUrl}${M}/mirrorServers`, { headers })).json()) as { values: { id: string; mirrorType: string }[] };
  for (const s of servers.values) if (s.mirrorType !== 'FARM') await fetch(`${p.baseUrl}${M}/mirrorServers/${s.id}`, { method: 'DELETE', headers });
  const pending = (await (await fetch(`${p.baseUrl}${M}/requests?state=PENDING`, { headers })).json()) as { values: { id: number }[] };
  for (const r of pending.values) await fetch(`${p.baseUrl}${M}/requests/${r.id}`, { method: 'DELETE', headers });
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';

/** Every path of the config schema whose field is marked `{ secret: true }`, with `*` for list items. */
function secretPaths(schema: z.ZodType, path: string[] = [], seen = new Set<z.ZodType>()): string[][] {
  if (seen.has(schema)) return []; // a schema that contains itself
  if ((z.globalRegistry.get(schema) as { secret?: boolean } | undefined)?.secret) return [path];
  const found = walk(schema, path, new Set([...seen, schema]));
  return found;
}

function walk(schema: z.ZodType, path: string[], seen: Set<z.ZodType>): string[][] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const inner = (s: unknown, p = path) => (s ? secretPaths(s as z.ZodType, p, seen) : []);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => inner(v, [...path, k]));
    case 'array':
      return inner(def.element, [...path, '*']);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => inner(o));
    case 'pipe':
      return [...inner(def.in), ...inner(def.out)];
    default:
      return [def.innerType, def.schema].flatMap((s) => inner(s));
  }
}

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('secret fields of the config schema', () => {
  it('finds the marked fields: both credentials of a primary, its SSH clone key, the Prometheus token and the storage SSH passphrase', () => {
    const paths = secretPaths(fleetConfigSchema).map((p) => p.join('.'));
    expect([...new Set(paths)].sort()).toEqual(
      [
        'primaries.*.admin.password',
        'primaries.*.admin.token',
        'primaries.*.read.password',
        'primaries.*.read.token',
        'primaries.*.ssh.privateKey',
        'prometheus.token',
        'storage.*.gluster.ssh.passphrase',
      ].sort(),
    );
  });

  it('no field marked secret is returned by getSettings or exportConfig, inline or not', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fs-secret-fields-'));
    const values = new Map<string, string>();
    const doc = {
      primaries: [
        {
          id: 'a',
          name: 'A',
          baseUrl: 'http://127.0.0.1:9',
          read: { token: '' },
          admin: { username: 'u', password: '' },
          ssh: { url: 'ssh://git@127.0.0.1:9', privateKey: '', knownHosts: '[127.0.0.1]:9 ssh-ed25519 AAAA' },
        },
        { id: 'b', name: 'B', baseUrl: 'http://127.0.0.1:9', read: { username: 'u', password: '' }, admin: { token: '' } },
      ],
      storage: [{ id: 's', name: 'S', gluster: { ssh: { host: 'h', username: 'u', privateKeyFile: '/k', knownHostsFile: '/kh', passphrase: '' } } }],
    };
    // Fill every marked path that the document has with a distinct value.
    const fill = (node: unknown, path: string[], at: string): void => {
      if (path.length === 0 || node === null || typeof node !== 'object') return;
      const [head, ...rest] = path;
      const items = head === '*' ? Object.entries(node as object) : [[head!, (node as Record<string, unknown>)[head!]] as const];
      for (const [k, v] of items) {
        if (rest.length === 0 && v === '') {
          const value = `secret-value-${values.size}-${at}${k}`;
          values.set(`${at}${k}`, value);
          (node as Record<string, unknown>)[k] = value;
        } else fill(v, rest, `${at}${k}.`);
      }
    };
    for (const p of secretPaths(fleetConfigSchema)) fill(doc, p, '');
    expect(values.size).toBe(6);
    const configPath = join(dir, 'fleet.yaml');
    writeFileSync(configPath, stringify(doc));
    const host = await startFleetHost({ configPath, dataDir: ':memory:', shell: 'browser mode' });
    try {
      const returned = JSON.stringify(await host.handlers.getSettings({})) + (await host.handlers.exportConfig({})).yaml;
      for (const [where, value] of values) expect([where, returned.includes(value)]).toEqual([where, false]);
    } finally {
      await host.stop();
    }
  });
});

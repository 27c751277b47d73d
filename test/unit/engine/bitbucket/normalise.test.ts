import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countRepositories, normaliseAppProperties, normaliseCluster, normaliseNodeStatus } from '../../../../electron/engine/bitbucket/normalise';
import { primaryNodeSchema, primarySchema, repositoryCountsSchema } from '../../../../shared/model/primary';
import { targetStatusSchema } from '../../../../shared/model/status';

const RUNS = { numRuns: 1_000 };

const nodeStatusSchema = z.object({ state: z.string().nullable(), status: targetStatusSchema, message: z.string().nullable() }).strict();
const appPropsSchema = primarySchema.pick({ version: true, buildNumber: true, displayName: true }).strict();
const clusterSchema = z
  .object({
    running: z.boolean().nullable(),
    nodes: z.array(
      primaryNodeSchema
        .pick({ id: true, name: true, address: true, local: true, buildVersion: true })
        .extend({ hosts: z.array(z.string()), port: z.number().int().nullable() })
        .strict(),
    ),
  })
  .strict();

// Realistic payloads, shaped as in reference/bitbucket-dc-api.md §2.1–2.8.
const clusterPayload = {
  running: true,
  localNode: {
    id: '6a1f0c2e-8d3b-4c59-9e11-2b7d4f0a9c10',
    name: 'bb-node-1',
    address: { address: '10.0.1.11', port: 5701 },
    local: true,
    buildVersion: '8.19.5',
  },
  nodes: [
    { id: '6a1f0c2e-8d3b-4c59-9e11-2b7d4f0a9c10', name: 'bb-node-1', address: { address: '10.0.1.11', port: 5701 }, local: true, buildVersion: '8.19.5' },
    { id: 'c3e9b7a4-1f20-4d8e-a6b5-77e0d9f1a2b3', name: 'bb-node-2', address: { address: '10.0.1.12', port: 5701 }, local: false, buildVersion: '8.19.5' },
  ],
};
const appPropsPayload = { version: '9.4.22', buildNumber: '9004022', buildDate: '1783935727556', displayName: 'Bitbucket' };
const repo = (slug: string, state: string, project: string, archived = false): Record<string, unknown> => ({
  id: slug.length,
  slug,
  name: slug,
  hierarchyId: '9f0c1d2e3a4b5c6d7e8f',
  scmId: 'git',
  state,
  statusMessage: 'Available',
  forkable: true,
  public: false,
  archived,
  project: { id: 12, key: project, name: project, public: false, type: 'NORMAL' },
  links: { clone: [{ href: `https://bitbucket.example.com/scm/${project}/${slug}.git`, name: 'http' }] },
});
const reposPayload = [
  repo('payments-api', 'AVAILABLE', 'PLAT'),
  repo('ledger', 'AVAILABLE', 'PLAT', true),
  repo('web', 'INITIALISING', 'WEB'),
  repo('broken', 'INITIALISATION_FAILED', 'WEB'),
  repo('old', 'OFFLINE', '~alice'),
];

/** Apply random damage to a deep copy of a payload: replace, delete, or retype values anywhere. */
function mutated(payload: unknown): fc.Arbitrary<unknown> {
  const op = fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'delete', 'stringify', 'wrap', 'null'), value: fc.jsonValue() });
  return fc.array(op, { minLength: 1, maxLength: 6 }).map((ops) => {
    let root: unknown = structuredClone(payload);
    for (const o of ops) {
      const slots = collect(root);
      const slot = slots[o.at % slots.length];
      if (!slot) continue;
      const current = slot.get();
      const next =
        o.kind === 'replace'
          ? o.value
          : o.kind === 'stringify'
            ? (JSON.stringify(current) ?? 'undefined')
            : o.kind === 'wrap'
              ? [current]
              : o.kind === 'null'
                ? null
                : undefined;
      if (slot.isRoot) root = next ?? null;
      else slot.set(next);
    }
    return root;
  });
}

interface Slot {
  isRoot: boolean;
  get: () => unknown;
  set: (v: unknown) => void;
}

function collect(root: unknown): Slot[] {
  const slots: Slot[] = [{ isRoot: true, get: () => root, set: () => undefined }];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        slots.push({ isRoot: false, get: () => v[i], set: (n) => (n === undefined ? v.splice(i, 1) : (v[i] = n)) });
        walk(item);
      });
    } else if (typeof v === 'object' && v !== null) {
      const obj = v as Record<string, unknown>;
      for (const k of Object.keys(obj)) {
        slots.push({ isRoot: false, get: () => obj[k], set: (n) => (n === undefined ? delete obj[k] : (obj[k] = n)) });
        walk(obj[k]);
      }
    }
  };
  walk(root);
  return slots;
}

const anyHttpStatus = fc.oneof(fc.constantFrom(200, 503, 500, 404, 302), fc.integer({ min: -10, max: 1_000 }), fc.double());

describe('normaliseNodeStatus', () => {
  it('maps the documented states', () => {
    expect(normaliseNodeStatus(200, { state: 'RUNNING' })).toEqual({ state: 'RUNNING', status: 'up', message: null });
    expect(normaliseNodeStatus(503, { state: 'STARTING' })).toMatchObject({
      state: 'STARTING',
      status: 'degraded',
      message: expect.stringMatching(/starting/i),
    });
    expect(normaliseNodeStatus(200, { state: 'MAINTENANCE' })).toMatchObject({ status: 'degraded', message: expect.stringMatching(/maintenance/i) });
    expect(normaliseNodeStatus(200, { state: 'FIRST_RUN' })).toMatchObject({ status: 'degraded', message: expect.stringMatching(/setup/i) });
    expect(normaliseNodeStatus(503, null)).toMatchObject({ state: null, status: 'degraded' });
    expect(normaliseNodeStatus(500, { state: 'ERROR' })).toMatchObject({ status: 'down' });
  });

  it('says unknown for garbage, never up', () => {
    expect(normaliseNodeStatus(200, null).status).toBe('unknown');
    expect(normaliseNodeStatus(200, { state: 'DANCING' })).toMatchObject({ state: 'DANCING', status: 'unknown' });
    expect(normaliseNodeStatus(200, { state: 42 }).status).toBe('unknown');
    expect(normaliseNodeStatus(200, ['RUNNING']).status).toBe('unknown');
    expect(normaliseNodeStatus(500, { state: 'RUNNING' }).status).toBe('unknown');
    expect(normaliseNodeStatus(Number.NaN, { state: 'RUNNING' }).status).toBe('unknown');
    expect(normaliseNodeStatus(200, JSON.parse('{"__proto__":{"state":"RUNNING"}}')).status).toBe('unknown');
  });

  it('never throws and always fits the schema, for any JSON', () => {
    fc.assert(
      fc.property(anyHttpStatus, fc.jsonValue(), (http, body) => {
        const out = nodeStatusSchema.parse(normaliseNodeStatus(http, body));
        if (out.status === 'up') expect(out.state).toBe('RUNNING');
      }),
      RUNS,
    );
  });

  it('never throws and always fits the schema, for damaged real payloads', () => {
    fc.assert(
      fc.property(anyHttpStatus, mutated({ state: 'RUNNING' }), (http, body) => {
        nodeStatusSchema.parse(normaliseNodeStatus(http, body));
      }),
      RUNS,
    );
  });
});

describe('normaliseAppProperties', () => {
  it('reads the four documented keys', () => {
    expect(normaliseAppProperties(appPropsPayload)).toEqual({ version: '9.4.22', buildNumber: '9004022', displayName: 'Bitbucket' });
    expect(normaliseAppProperties({ version: '', buildNumber: 8019005 })).toEqual({ version: null, buildNumber: '8019005', displayName: null });
    expect(normaliseAppProperties('<html>')).toEqual({ version: null, buildNumber: null, displayName: null });
  });

  it('never throws and always fits the schema', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => void appPropsSchema.parse(normaliseAppProperties(body))),
      RUNS,
    );
    fc.assert(
      fc.property(mutated(appPropsPayload), (body) => void appPropsSchema.parse(normaliseAppProperties(body))),
      RUNS,
    );
  });
});

describe('normaliseCluster', () => {
  it('reads the documented cluster payload', () => {
    expect(normaliseCluster(clusterPayload)).toEqual({
      running: true,
      nodes: [
        {
          id: '6a1f0c2e-8d3b-4c59-9e11-2b7d4f0a9c10',
          name: 'bb-node-1',
          address: '10.0.1.11:5701',
          hosts: ['10.0.1.11'],
          port: 5701,
          local: true,
          buildVersion: '8.19.5',
        },
        {
          id: 'c3e9b7a4-1f20-4d8e-a6b5-77e0d9f1a2b3',
          name: 'bb-node-2',
          address: '10.0.1.12:5701',
          hosts: ['10.0.1.12'],
          port: 5701,
          local: false,
          buildVersion: '8.19.5',
        },
      ],
    });
  });

  it('copes with partial and odd shapes', () => {
    const { nodes: _nodes, ...onlyLocal } = clusterPayload;
    expect(normaliseCluster(onlyLocal).nodes).toHaveLength(1);
    const odd = normaliseCluster({
      nodes: [
        { id: 'a', address: { address: 'fd00::1', port: '5701' } },
        { name: 'b', address: '10.0.0.2:5701', local: 'yes' },
        { address: { address: '10.0.0.3', port: 5701 } },
        { id: 'a', name: 'duplicate' },
        null,
        'bb-node-9',
      ],
    });
    expect(odd).toEqual({
      running: null,
      nodes: [
        { id: 'a', name: 'a', address: '[fd00::1]:5701', hosts: ['fd00::1'], port: 5701, local: false, buildVersion: null },
        { id: null, name: 'b', address: '10.0.0.2:5701', hosts: ['10.0.0.2'], port: 5701, local: false, buildVersion: null },
      ],
    });
  });

  it('never throws and always fits the schema', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => void clusterSchema.parse(normaliseCluster(body))),
      RUNS,
    );
    fc.assert(
      fc.property(mutated(clusterPayload), (body) => void clusterSchema.parse(normaliseCluster(body))),
      RUNS,
    );
  });
});

describe('countRepositories', () => {
  it('counts by state, archived and distinct project key', () => {
    expect(countRepositories(reposPayload)).toEqual({
      total: 5,
      available: 2,
      initialising: 1,
      initialisationFailed: 1,
      offline: 1,
      archived: 1,
      projects: 3,
    });
    expect(countRepositories([])).toEqual({ total: 0, available: 0, initialising: 0, initialisationFailed: 0, offline: 0, archived: 0, projects: 0 });
  });

  const invariants = (values: unknown[]): void => {
    const c = repositoryCountsSchema.parse(countRepositories(values));
    expect(c.available + c.initialising + c.initialisationFailed + c.offline).toBeLessThanOrEqual(c.total);
    expect(c.archived).toBeLessThanOrEqual(c.total);
    expect(c.projects).toBeLessThanOrEqual(c.total);
  };

  it('never throws, never NaN or negative, for any JSON', () => {
    fc.assert(fc.property(fc.array(fc.jsonValue()), invariants), RUNS);
    // A non-array slipping through the types must not crash either.
    fc.assert(
      fc.property(fc.jsonValue(), (v) => invariants(v as unknown[])),
      RUNS,
    );
  });

  it('never throws, never NaN or negative, for damaged real payloads', () => {
    fc.assert(
      fc.property(mutated(reposPayload), (v) => invariants(Array.isArray(v) ? v : [v])),
      RUNS,
    );
  });
});

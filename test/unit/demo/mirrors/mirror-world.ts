import fc from 'fast-check';
import { DemoMirror } from '../../../../electron/demo/mirrors/mirror-model';
import type { MirrorNode, SyncMode } from '../../../../electron/demo/mirrors/mirror-model-types';
import { PushFeed } from '../../../../electron/demo/mirrors/push-feed';
import { PrimaryModel } from '../../../../electron/demo/primary-model';
import { createRng } from '../../../../electron/demo/prng';

// A 3-node farm mirroring a 40-repository primary, driven by steps (time, faults, selections,
// pushes, new repositories): the world the simulator's caches are checked in against what they
// replaced.

export const START = Date.UTC(2026, 11, 4, 9, 0, 0);

export type Step =
  | { kind: 'time'; ms: number }
  | { kind: 'offline'; node: number; on: boolean }
  | { kind: 'behind'; on: boolean }
  | { kind: 'failing'; node: number; on: boolean }
  | { kind: 'select'; mode: SyncMode; projects: number[] }
  | { kind: 'pushes' }
  | { kind: 'create'; seed: number };

export function world(synchronizedAtStart: boolean): { mirror: DemoMirror; feed: PushFeed; primary: PrimaryModel; clock: { now: number } } {
  const clock = { now: START };
  const primary = new PrimaryModel({ index: 0, seed: 7, nodeCount: 3, repoCount: 40, clock: { speed: 1, now: () => clock.now } });
  const feed = new PushFeed(primary, createRng(11), 'salt', START);
  const nodes: MirrorNode[] = [1, 2, 3].map((k) => ({ name: `farm-${k}`, id: `id-${k}`, host: `127.0.9.${k}`, listener: null, bindProblem: null }));
  const mirror = new DemoMirror({
    mirrorId: 'm',
    upstreamId: 'u',
    name: 'Farm',
    api: '9.x',
    mirrorType: 'FARM',
    productVersion: '9.4.0',
    nodes,
    registration: 'accepted',
    mode: 'ALL_PROJECTS',
    projectIds: [],
    synchronizedAtStart,
    feed,
    rng: createRng(13),
  });
  return { mirror, feed, primary, clock };
}

export function apply(w: ReturnType<typeof world>, step: Step): void {
  const { mirror, feed, primary, clock } = w;
  const node = (i: number): string => mirror.nodes[i % mirror.nodes.length]!.name;
  switch (step.kind) {
    case 'time':
      clock.now += step.ms;
      break;
    case 'offline':
      mirror.setNodeOffline(node(step.node), step.on, clock.now);
      break;
    case 'behind':
      mirror.setBehind(step.on, clock.now);
      break;
    case 'failing':
      mirror.setFailing(node(step.node), step.on, clock.now);
      break;
    case 'select': {
      const ids = primary.catalog.projects.map((p) => String(p.id));
      mirror.select(
        step.mode,
        step.projects.map((i) => ids[i % ids.length]!),
        clock.now,
      );
      break;
    }
    case 'create':
      primary.catalog.addRepo(createRng(step.seed), 'AVAILABLE');
      break;
    case 'pushes':
      // Brings the primary's inventory up to date too: repositories are created as time passes.
      feed.advance(clock.now);
      break;
  }
}

export const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('time' as const), ms: fc.oneof(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 20_000 })) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), node: fc.nat(2), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('behind' as const), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('failing' as const), node: fc.nat(2), on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('select' as const),
      mode: fc.constantFrom<SyncMode>('ALL_PROJECTS', 'SELECTED_PROJECTS'),
      projects: fc.array(fc.nat(20), { maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'pushes' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), seed: fc.nat() }) },
);

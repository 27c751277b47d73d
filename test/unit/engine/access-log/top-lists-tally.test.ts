import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../../../electron/engine/access-log/histogram';
import { NodeIndex } from '../../../../electron/engine/access-log/key-node-histograms';
import { TopK } from '../../../../electron/engine/access-log/top-k';
import { TopListsTally } from '../../../../electron/engine/access-log/top-lists-tally';

const NODES = ['n1', 'n2', 'n3'];
/** Key ids a table gives; two ids name one key (as two spellings of a repository do). */
const IDS = 12;

const op = fc.record({
  repository: fc.integer({ min: 0, max: IDS - 1 }),
  user: fc.integer({ min: 0, max: IDS - 1 }),
  ip: fc.integer({ min: 0, max: IDS - 1 }),
  // Durations that share buckets, none (−1), and (repeated) past an 8-bit counter in one bucket.
  ms: fc.constantFrom(-1, 0, 1, 7, 40, 41, 9000, 86_400_000),
  times: fc.oneof(
    { arbitrary: fc.constant(1), weight: 20 },
    { arbitrary: fc.integer({ min: 2, max: 5 }), weight: 4 },
    { arbitrary: fc.constant(300), weight: 1 },
  ),
  clone: fc.boolean(),
  outcome: fc.integer({ min: 0, max: 2 }),
  node: fc.integer({ min: 0, max: NODES.length - 1 }),
});
/** Between operations: nothing, a flush (a list read), or a flush and one key table starting over (its ids mean other keys). */
const between = fc.oneof(
  { arbitrary: fc.constant('none' as const), weight: 12 },
  fc.constant('flush' as const),
  fc.constantFrom('repository' as const, 'user' as const, 'ip' as const),
);
const step = fc.tuple(op, between);

/** A key table's ids as the lists see them: the key an id names changes with the generation. */
class Keys {
  generation = 0;
  constructor(private readonly name: string) {}
  keyOf(id: number): string {
    return `${this.name}${(id + this.generation * 5) % (IDS / 2)}`;
  }
}

/** What a report and a worker's export read of a list. */
function figures(list: TopK): unknown {
  return {
    byOps: list.top(50, 'operations'),
    byTime: list.top(50, 'time'),
    entries: [...list.entries()],
    nodes: [...list.nodeDurations()],
    slow: [...list.slowNodes(1)],
    state: list.exportState(),
  };
}

interface Op {
  repository: number;
  user: number;
  ip: number;
  ms: number;
  times: number;
  clone: boolean;
  outcome: number;
  node: number;
}
type Step = [Op, 'none' | 'flush' | 'repository' | 'user' | 'ip'];

/** The four lists counted by a `TopListsTally` and by `TopK.addById`, then compared. */
function check(capacity: number, steps: readonly Step[]): void {
  const keys = { repository: new Keys('r'), user: new Keys('u'), ip: new Keys('i') };
  const [nodes, refNodes] = [new NodeIndex(), new NodeIndex()];
  for (const n of NODES) {
    nodes.id(n);
    refNodes.id(n);
  }
  const tally = new TopListsTally(capacity, nodes, keys);
  const ref = {
    repositories: new TopK(capacity, true),
    cloneRepositories: new TopK(capacity, true, true, true, refNodes),
    users: new TopK(capacity, false),
    clientIps: new TopK(capacity, false),
  };
  const { repository, user, ip } = keys;
  for (const [o, then] of steps) {
    const bucket = o.ms >= 0 ? bucketOf(o.ms) : 0;
    for (let t = 0; t < o.times; t++) {
      tally.add(o.repository, o.user, o.ip, o.ms, bucket, o.clone, o.outcome, o.node);
      ref.repositories.addById(o.repository, repository.generation, repository.keyOf(o.repository), o.ms, bucket);
      if (o.clone) ref.cloneRepositories.addById(o.repository, repository.generation, repository.keyOf(o.repository), o.ms, bucket, o.outcome, o.node);
      ref.users.addById(o.user, user.generation, user.keyOf(o.user), o.ms, bucket);
      ref.clientIps.addById(o.ip, ip.generation, ip.keyOf(o.ip), o.ms, bucket);
    }
    if (then === 'none') continue;
    tally.flush();
    if (then !== 'flush') keys[then].generation += 1;
  }
  tally.flush();
  for (const name of ['repositories', 'cloneRepositories', 'users', 'clientIps'] as const) expect(figures(tally[name])).toEqual(figures(ref[name]));
}

const one = (o: Partial<Op>): Op => ({ repository: 0, user: 0, ip: 0, ms: 40, times: 1, clone: false, outcome: 0, node: 0, ...o });

describe('TopListsTally', () => {
  it('counts the four lists in WebAssembly as TopK.addById counts them, across batches, drops of keys and tables starting over', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(step, { maxLength: 80 }), (capacity, steps) => check(capacity, steps)),
      { numRuns: 300 },
    );
  });

  // A batch counts without asking JavaScript while every key has a slot: each list must forget its
  // slots when its table starts over, before the batch (not only when a key of another list stops it).
  it.each([
    [
      'repositories',
      [
        [one({}), 'repository'],
        [one({}), 'none'],
      ],
    ],
    [
      'clones by repository',
      [
        [one({ clone: true }), 'repository'],
        [one({}), 'none'],
        [one({ clone: true }), 'none'],
      ],
    ],
    [
      'users',
      [
        [one({}), 'user'],
        [one({}), 'none'],
      ],
    ],
    [
      'client addresses',
      [
        [one({}), 'ip'],
        [one({}), 'none'],
      ],
    ],
  ] as Array<[string, Step[]]>)('counts the %s of a table that started over under the keys its ids now name', (_, steps) => check(4, steps));
});

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PushFeed } from '../../../../electron/demo/mirrors/push-feed';
import { PrimaryModel } from '../../../../electron/demo/primary-model';
import { createRng } from '../../../../electron/demo/prng';

// The feed's hash cache is keyed by numbers where they fit; what it answers is the hash of the text.

const START = Date.UTC(2026, 11, 4, 9, 0, 0);
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('PushFeed hashes', () => {
  it('are the hash of salt, kind, id and version, whichever were asked before', () => {
    const primary = new PrimaryModel({ index: 0, seed: 1, nodeCount: 3, repoCount: 5, clock: { speed: 1, now: () => START } });
    const feed = new PushFeed(primary, createRng(1), 'salt', START);
    const id = fc.oneof(fc.nat(3), fc.integer({ min: 2 ** 31 - 3, max: 2 ** 31 + 3 }), fc.integer({ min: -3, max: 3 }));
    const version = fc.oneof(fc.nat(3), fc.constantFrom(2 ** 19, 2 ** 20, 2 ** 20 + 1, 2 ** 21 - 1, 2 ** 21, 2 ** 21 + 1));
    const ask = fc.oneof(fc.record({ id, version }), fc.record({ id }));
    fc.assert(
      fc.property(fc.array(ask, { minLength: 1, maxLength: 50 }), (asks) => {
        for (const a of asks) {
          if ('version' in a) expect(feed.contentHash(a.id, a.version)).toBe(sha(`salt:content:${a.id}:${a.version}`));
          else expect(feed.metadataHash(a.id)).toBe(sha(`salt:metadata:${a.id}`));
        }
      }),
      { numRuns: 200 },
    );
  });
});

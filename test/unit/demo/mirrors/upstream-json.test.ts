import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restRepository } from '../../../../electron/demo/bitbucket-json';
import type { RepoState } from '../../../../electron/demo/catalog';
import { PushFeed } from '../../../../electron/demo/mirrors/push-feed';
import { DemoUpstream } from '../../../../electron/demo/mirrors/upstream';
import { PrimaryModel } from '../../../../electron/demo/primary-model';
import { createRng } from '../../../../electron/demo/prng';

// DemoUpstream.repoJson splices the hashes into the inventory's cached JSON; the reference is the
// object serialised whole, as it was before.

const START = Date.UTC(2026, 11, 4, 9, 0, 0);
const STATES: RepoState[] = ['AVAILABLE', 'INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE'];

describe('DemoUpstream.repoJson', () => {
  it('is the enriched repository serialised whole, through pushes and state changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.record({ repo: fc.nat(), push: fc.boolean(), state: fc.constantFrom(...STATES) }), { minLength: 1, maxLength: 30 }),
        (seed, steps) => {
          const clock = { speed: 1, now: () => START };
          const primary = new PrimaryModel({ index: seed % 3, seed, nodeCount: 3, repoCount: 30, clock });
          primary.baseUrl = `http://127.0.0.1:${7000 + (seed % 100)}`;
          const feed = new PushFeed(primary, createRng(seed), 'salt', START);
          const up = new DemoUpstream(primary, feed, clock, 'secret');
          const repos = primary.catalog.repos;
          for (const s of steps) {
            const repo = repos[s.repo % repos.length]!;
            if (s.push) feed.record(repo.id, START);
            else primary.catalog.setState(repo, s.state);
            const { version } = feed.changesOf(repo.id);
            const whole = JSON.stringify({
              ...restRepository(repo, primary.baseUrl),
              properties: { contentHash: feed.contentHash(repo.id, version), metadataHash: feed.metadataHash(repo.id) },
            });
            expect(up.repoJson(repo)).toBe(whole);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

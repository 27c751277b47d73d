import { describe, expect, it } from 'vitest';
import { readUpstreamHashes } from '../../../electron/engine/mirrors/detail-reads';
import { client, serve } from '../engine/helpers/client-harness';
import { json, type Handler } from '../engine/helpers/test-server';

/**
 * `GET /rest/mirroring/latest/repos`: Atlassian's API description shows a single
 * `EnrichedRepository` object, its narrative a page (reference §4.12). Both, and a bare array,
 * must give the upstream hashes; a broken page must still fail loudly.
 */
const repo = (id: number, slug: string) => ({
  id,
  slug,
  name: slug,
  scmId: 'git',
  state: 'AVAILABLE',
  project: { id: 12, key: 'PLAT', name: 'Platform' },
  properties: { contentHash: 'a'.repeat(64), metadataHash: 'b'.repeat(64) },
});
const page = (values: unknown[]) => ({ size: values.length, limit: 1000, start: 0, isLastPage: true, values });

/** The sweep's read of the hashes, unpaced; `hashes` null and `problem` the message when it fails. */
async function pollWith(reposRoute: Handler) {
  const s = await serve({ '/rest/mirroring/latest/repos': reposRoute });
  try {
    const r = await readUpstreamHashes(client(s), new AbortController().signal, async () => undefined);
    return { hashes: r.hashes, hashesProblem: r.problem };
  } catch (err) {
    return { hashes: null, hashesProblem: err instanceof Error ? err.message : String(err) };
  }
}

describe('upstream repository hashes: every published shape of /rest/mirroring/latest/repos', () => {
  it('a single EnrichedRepository object (the API description)', async () => {
    const up = await pollWith((_q, res) => json(res, 200, repo(345, 'payments-api')));
    expect(up.hashesProblem).toBeNull();
    expect([...up.hashes!.values()]).toEqual([
      { id: '345', slug: 'payments-api', projectKey: 'PLAT', projectId: '12', content: 'a'.repeat(64), metadata: 'b'.repeat(64), ordinal: 0 },
    ]);
  });

  it('a page (the narrative) and a bare array', async () => {
    const paged = await pollWith((_q, res) => json(res, 200, page([repo(1, 'a'), repo(2, 'b')])));
    expect([...paged.hashes!.keys()]).toEqual(['1', '2']);
    const array = await pollWith((_q, res) => json(res, 200, [repo(3, 'c'), repo(4, 'd')]));
    expect([...array.hashes!.keys()]).toEqual(['3', '4']);
    expect(array.hashesProblem).toBeNull();
  });

  it('a broken page is still an error, not an empty list', async () => {
    const up = await pollWith((_q, res) => json(res, 200, { isLastPage: true, values: 'nope' }));
    expect(up.hashes).toBeNull();
    expect(up.hashesProblem).toMatch(/paging envelope/);
  });
});

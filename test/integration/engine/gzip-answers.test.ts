import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { INVENTORY_PAGE } from '../../../electron/engine/bitbucket/inventory';
import type { ReadBytes } from '../../../electron/engine/http/bitbucket-client-contract';
import { client, failure, requests, serve } from './helpers/client-harness';
import type { Handler } from './helpers/test-server';

/** A 2xx (or other) answer whose body is sent as gzip, as Bitbucket's Tomcat sends JSON to a client that accepts it. */
function gzipped(res: ServerResponse, status: number, bytes: Buffer, encoding = 'gzip'): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-encoding': encoding, 'content-length': bytes.length }).end(bytes);
}

const pageOf = (start: number) => ({
  size: 2,
  limit: 2,
  start,
  isLastPage: start >= 2,
  values: [0, 1].map((k) => ({ slug: `repo-${start + k}`, project: { key: 'P' }, description: 'x'.repeat(4000) })),
  ...(start >= 2 ? {} : { nextPageStart: start + 2 }),
});

/**
 * Pages of 4 repositories, 2 a page: gzip when the request accepts it, else plain. The second page
 * is sent as Tomcat sends what it compresses on the fly: chunked, with no Content-Length.
 */
const pages: Handler = (req, res) => {
  const start = Number(new URL(req.url ?? '', 'http://x').searchParams.get('start'));
  const bytes = Buffer.from(JSON.stringify(pageOf(start)));
  if (!/gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length }).end(bytes);
    return;
  }
  const gz = gzipSync(bytes);
  if (start === 0) return gzipped(res, 200, gz);
  res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-encoding': 'gzip' });
  res.write(gz.subarray(0, 100));
  res.end(gz.subarray(100));
};

describe('gzip answers (content-encoding.ts)', () => {
  it('asks for gzip only for pages read elsewhere, hands them over compressed with their start, and counts the bytes received', async () => {
    const s = await serve({ '/rest/api/1.0/repos': pages });
    const seen: { start: number; encoding: string | null; bytes: number }[] = [];
    // Read "elsewhere" by handing the bytes back: the client then inflates and reads them itself.
    const readBytes: ReadBytes = (body, start, encoding) => {
      seen.push({ start, encoding, bytes: body.length });
      return Promise.resolve({ refused: body, encoding });
    };
    const values: unknown[] = [];
    const walked = await client(s).eachPage('/rest/api/1.0/repos', { limit: 2, lean: INVENTORY_PAGE, overlap: true, readBytes }, (v) => void values.push(...v));
    expect(values.map((v) => (v as { slug: string }).slug)).toEqual(['repo-0', 'repo-1', 'repo-2', 'repo-3']);
    expect(s.requests.map((r) => r.headers['accept-encoding'])).toEqual(['gzip', 'gzip']);
    const compressed = [0, 2].map((start) => gzipSync(Buffer.from(JSON.stringify(pageOf(start)))).length);
    expect(seen).toEqual([
      { start: 0, encoding: 'gzip', bytes: compressed[0] },
      { start: 2, encoding: 'gzip', bytes: compressed[1] },
    ]);
    expect(walked.bytes).toBe(compressed[0]! + compressed[1]!);

    // Without a reader elsewhere nothing asks for gzip.
    s.requests.length = 0;
    await client(s).getPaged('/rest/api/1.0/repos', { limit: 2 });
    expect(s.requests.map((r) => r.headers['accept-encoding'])).toEqual([undefined, undefined]);
  });

  it('inflates a gzip answer it did not ask for, and the start of a gzip error answer', async () => {
    const s = await serve({
      '/rest/api/1.0/application-properties': (_req, res) => gzipped(res, 200, gzipSync(JSON.stringify({ version: '9.4.22' }))),
      '/rest/api/1.0/projects': (_req, res) =>
        gzipped(res, 404, gzipSync(JSON.stringify({ errors: [{ context: null, message: 'Project NOPE does not exist.', exceptionName: null }] }))),
    });
    expect((await client(s).getJson('/rest/api/1.0/application-properties')).body).toEqual({ version: '9.4.22' });
    const err = await failure(client(s).getJson('/rest/api/1.0/projects'));
    expect(err.message).toContain('Bitbucket said: "Project NOPE does not exist');
  });

  it('says why a 2xx answer cannot be read: a coding it did not ask for, bytes that do not inflate, more than the size limit inflated', async () => {
    const big = gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x20));
    const s = await serve({
      '/br': (_req, res) => gzipped(res, 200, Buffer.from('not brotli'), 'br'),
      '/cut': (_req, res) => gzipped(res, 200, gzipSync(JSON.stringify({ a: 1 })).subarray(0, 12)),
      '/bomb': (_req, res) => gzipped(res, 200, big),
      '/rest/api/1.0/repos': (_req, res) => gzipped(res, 200, Buffer.from('plainly not gzip')),
    });
    const c = client(s, { maxBodyBytes: 2 * 1024 * 1024 });
    const br = await failure(c.getJson('/br'));
    expect([br.code, br.message]).toEqual(['malformed', expect.stringContaining('content encoding Fleetscope did not ask for and cannot read (br)')]);
    const cut = await failure(c.getJson('/cut'));
    expect([cut.code, cut.message]).toEqual(['malformed', expect.stringMatching(/answered \/cut with a gzip body that does not inflate \(.+\) — is a proxy/)]);
    expect(big.length).toBeLessThan(2 * 1024 * 1024);
    const bomb = await failure(c.getJson('/bomb'));
    expect([bomb.code, bomb.message]).toEqual(['too-large', expect.stringContaining('more than 2 MiB')]);

    // A page the reader elsewhere could not inflate comes back still compressed: the walk fails with the same message, reported.
    requests.length = 0;
    const readBytes: ReadBytes = (body, _start, encoding) => Promise.resolve({ refused: body, encoding });
    const page = await failure(c.eachPage('/rest/api/1.0/repos', { overlap: true, lean: INVENTORY_PAGE, readBytes }, () => undefined));
    expect([page.code, page.message]).toEqual(['malformed', expect.stringContaining('with a gzip body that does not inflate')]);
    expect(requests.map((r) => r.error?.code)).toEqual(['malformed']);
  });
});

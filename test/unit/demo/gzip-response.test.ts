import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, encodedFor } from '../../../electron/demo/gzip-response';
import { htmlResponse, jsonResponse, rawJsonResponse } from '../../../electron/demo/responses';

const asking = (acceptEncoding?: string) => ({ headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }) as IncomingMessage;

describe('the simulated fleet’s gzip answers (gzip-response.ts), as Bitbucket’s Tomcat sends them', () => {
  it('reads Accept-Encoding as RFC 9110 does: a gzip, x-gzip or * coding whose q is not 0', () => {
    expect(['gzip', 'deflate, gzip;q=0.5', 'br, *', 'X-GZIP', ' gzip ; q=1 '].map(acceptsGzip)).toEqual([true, true, true, true, true]);
    expect([undefined, '', 'identity', 'br, deflate', 'gzip;q=0', 'gzip; q=0.000', 'gzipx'].map(acceptsGzip)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(acceptsGzip(['br', 'gzip'])).toBe(true);
  });

  it('compresses JSON and text of 2 KiB or more for a client that accepts gzip, nothing else, and compresses a cached page once', () => {
    const big = { values: Array.from({ length: 200 }, (_, i) => ({ slug: `repo-${i}` })) };
    const gz = encodedFor(asking('gzip'), jsonResponse(200, big));
    expect(gz.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding', 'content-type': 'application/json;charset=UTF-8' });
    expect(JSON.parse(gunzipSync(gz.body as Buffer).toString('utf8'))).toEqual(big);
    expect(encodedFor(asking('gzip'), htmlResponse(200, 'x'.repeat(4096))).headers['content-encoding']).toBe('gzip');

    // Not asked, too small, or a type Tomcat leaves alone: as it was.
    expect(encodedFor(asking(), jsonResponse(200, big)).headers['content-encoding']).toBeUndefined();
    expect(encodedFor(asking('gzip'), jsonResponse(200, { a: 1 })).headers['content-encoding']).toBeUndefined();
    const binary = { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(4096) };
    expect(encodedFor(asking('gzip'), binary)).toBe(binary);

    const page = Buffer.from(JSON.stringify(big));
    const first = encodedFor(asking('gzip'), rawJsonResponse(200, page)).body;
    const again = encodedFor(asking('gzip'), rawJsonResponse(200, page)).body;
    expect(again).toBe(first);
    expect(gunzipSync(first as Buffer)).toEqual(page);
  });
});

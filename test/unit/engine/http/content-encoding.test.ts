import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyEncoding, inflate, inflateAnswer } from '../../../../electron/engine/http/content-encoding';
import { FleetError } from '../../../../electron/engine/http/fleet-error';

describe('content codings (content-encoding.ts)', () => {
  it('names gzip (and its old name), none, and any other coding as unknown', () => {
    expect([null, '', 'identity', ' Identity ', 'gzip', 'X-Gzip', 'br', 'deflate', 'gzip, br'].map(bodyEncoding)).toEqual([
      null,
      null,
      null,
      null,
      'gzip',
      'gzip',
      'unknown',
      'unknown',
      'unknown',
    ]);
  });

  it('inflates up to its cap; a cut error body gives its start, one past the cap or not gzip comes back as received', () => {
    // Text that compresses in more than one block, so half the bytes inflate to a start.
    const text = Buffer.from(JSON.stringify({ errors: Array.from({ length: 3000 }, (_, i) => ({ message: `m${(i * 7919) % 10007}` })) }));
    const gz = gzipSync(text);
    expect(inflate(gz, text.length)).toEqual(text);
    expect(() => inflate(gz, text.length - 1)).toThrow(RangeError);
    const start = inflate(gz.subarray(0, Math.floor(gz.length / 2)), 1 << 20, true);
    expect(start.length).toBeGreaterThan(0);
    expect(text.subarray(0, start.length)).toEqual(start);
    expect(inflate(gz, 100, true)).toEqual(gz);
    expect(inflate(Buffer.from('not gzip'), 100, true).toString()).toBe('not gzip');
  });

  it('says why a 2xx body cannot be read, as a FleetError naming the host and path', () => {
    const at = 'https://bb.example.com:8443/rest/api/1.0/repos?start=0';
    const tooBig = (() => {
      try {
        return inflateAnswer(gzipSync(Buffer.alloc(3 * 1024 * 1024)), 2 * 1024 * 1024, at, 200);
      } catch (err) {
        return err;
      }
    })();
    expect(tooBig).toBeInstanceOf(FleetError);
    expect(tooBig).toMatchObject({
      code: 'too-large',
      httpStatus: 200,
      message: expect.stringContaining('bb.example.com:8443 answered /rest/api/1.0/repos with more than 2 MiB'),
    });
    expect(() => inflateAnswer(Buffer.from('plain'), 100, at, 200)).toThrow(
      expect.objectContaining({
        code: 'malformed',
        message: expect.stringMatching(/^bb\.example\.com:8443 answered \/rest\/api\/1\.0\/repos with a gzip body that does not inflate \(.+\) — is a proxy/),
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { FleetError, snippet, toTargetError } from '../../../../electron/engine/http/fleet-error';
import { responseErrorInfo, serverMessage, type ResponseFacts } from '../../../../electron/engine/http/response-errors';
import { targetErrorSchema } from '../../../../shared/model/status';

const AT = 1_700_000_000_000;
const sysError = (code: string, message = code): Error => Object.assign(new Error(message), { code });

describe('toTargetError', () => {
  it('keeps a FleetError’s classification', () => {
    const err = new FleetError({ code: 'auth', message: 'nope', httpStatus: 401, url: 'https://h/x' });
    expect(toTargetError(err, AT)).toEqual({ code: 'auth', message: 'nope', httpStatus: 401, at: AT });
  });

  it.each([
    ['ECONNREFUSED', 'refused', /Connection refused/],
    ['ENOTFOUND', 'dns', /does not resolve/],
    ['EAI_AGAIN', 'dns', /DNS lookup/],
    ['ETIMEDOUT', 'timeout', /Could not connect/],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', /Could not connect/],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', /No answer from/],
    ['UND_ERR_BODY_TIMEOUT', 'timeout', /No answer from/],
    ['ECONNRESET', 'network', /closed mid-request/],
    ['EHOSTUNREACH', 'network', /unreachable/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', /self-signed certificate .*tls\.caFile/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', /does not trust .*tls\.caFile/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls', /does not trust .*tls\.caFile/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', /does not trust .*tls\.caFile/],
    ['CERT_HAS_EXPIRED', 'tls', /has expired/],
    ['CERT_NOT_YET_VALID', 'tls', /not valid yet/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', /does not cover the host name/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', /really HTTPS/],
    ['CERT_SIGNATURE_FAILURE', 'tls', /certificate was rejected/],
    ['HPE_INVALID_CONSTANT', 'malformed', /valid HTTP/],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'malformed', /cut short/],
    ['EWHATEVER', 'network', /Network error/],
  ])('classifies %s as %s', (code, expected, message) => {
    const t = toTargetError(sysError(code), AT);
    expect(t.code).toBe(expected);
    expect(t.message).toMatch(message);
    expect(targetErrorSchema.parse(t)).toEqual(t);
  });

  it('looks into AggregateError (happy eyeballs) and causes', () => {
    const agg = Object.assign(new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], 'connect failed'), {});
    expect(toTargetError(agg, AT).code).toBe('refused');
    expect(toTargetError(new Error('fetch failed', { cause: sysError('ENOTFOUND') }), AT).code).toBe('dns');
  });

  it('treats timeouts and cancellations from abort signals plainly', () => {
    expect(toTargetError(new DOMException('t', 'TimeoutError'), AT).code).toBe('timeout');
    expect(toTargetError(new DOMException('a', 'AbortError'), AT).message).toMatch(/cancelled/);
  });

  it('calls anything else an internal error, whatever was thrown', () => {
    for (const thrown of [new TypeError('x is undefined'), 'a string', 42, null, undefined, Object.create(null), { code: 7 }]) {
      const t = toTargetError(thrown, AT);
      expect(t.code).toBe('internal');
      expect(t.message).toMatch(/^Internal error in Fleetscope: .+ This is a bug/);
    }
  });
});

describe('FleetError', () => {
  it('keeps at most 2 KiB of the body, cut at a character boundary', () => {
    const body = 'é'.repeat(3_000);
    const err = new FleetError({ code: 'html', message: 'm', body });
    expect(Buffer.byteLength(err.body ?? '')).toBeLessThanOrEqual(2_048);
    expect(err.body).toBe('é'.repeat(1_024));
    expect(snippet('short')).toBe('short');
    expect(snippet('a' + 'é'.repeat(1_500))).toBe('a' + 'é'.repeat(1_023));
    expect(err).toMatchObject({ name: 'FleetError', httpStatus: null, retryAfterMs: null, url: null });
  });
});

describe('responseErrorInfo', () => {
  const facts = (over: Partial<ResponseFacts>): ResponseFacts => ({
    status: 500,
    method: 'GET',
    url: 'https://bitbucket.example.com/bitbucket/rest/api/1.0/repos?limit=1000',
    text: '',
    contentType: null,
    location: null,
    auth: 'bearer',
    retryAfterMs: null,
    ...over,
  });

  it('writes messages a person can act on', () => {
    expect(responseErrorInfo(facts({ status: 500 }))).toEqual({
      code: 'server-error',
      message: 'bitbucket.example.com answered 500 Internal Server Error: check the Bitbucket logs.',
    });
    expect(responseErrorInfo(facts({ status: 302, location: 'https://sso.example.com/login' })).message).toMatch(
      /redirected \/bitbucket\/rest\/api\/1.0\/repos to https:\/\/sso.example.com\/login \(302\)/,
    );
    expect(responseErrorInfo(facts({ status: 401, auth: 'none' })).message).toMatch(/no credential was sent/);
    expect(responseErrorInfo(facts({ status: 400, text: '{"errors":[{"context":"seconds","message":"Must be positive"}]}' }))).toEqual({
      code: 'invalid-argument',
      message: 'bitbucket.example.com rejected the request to /bitbucket/rest/api/1.0/repos as invalid (400). Bitbucket said: "Must be positive".',
    });
    expect(responseErrorInfo(facts({ status: 403, method: 'POST', text: '{"errors":[{"message":"XSRF check failed"}]}' })).message).toMatch(
      /XSRF check failed \(403\)/,
    );
    expect(responseErrorInfo(facts({ status: 502 })).message).toMatch(/502 Bad Gateway: the proxy in front of Bitbucket/);
    expect(responseErrorInfo(facts({ status: 503 })).message).toMatch(/starting, in maintenance or overloaded/);
    expect(responseErrorInfo(facts({ status: 429, retryAfterMs: 5_000 }))).toMatchObject({
      code: 'rate-limited',
      message: expect.stringMatching(/wait 5 s \(Retry-After\)/),
    });
    expect(responseErrorInfo(facts({ status: 418 }))).toMatchObject({ code: 'http', message: expect.stringMatching(/418 I'm a Teapot/) });
  });

  it('reads Bitbucket’s error body, and nothing from anything else', () => {
    expect(serverMessage('{"errors":[{"message":"A."},{"message":"B"},{"message":" "},{"message":"C"},{"message":"D"}]}')).toBe('A.; B; C');
    expect(serverMessage('{"message":"Basic Authentication has been disabled on this instance."}')).toBe(
      'Basic Authentication has been disabled on this instance',
    );
    expect(serverMessage('<html>')).toBeNull();
    expect(serverMessage('[1]')).toBeNull();
    expect(serverMessage('null')).toBeNull();
    expect(serverMessage(JSON.stringify({ errors: [{ message: 'x'.repeat(1_000) }] }))?.length).toBe(300);
  });
});

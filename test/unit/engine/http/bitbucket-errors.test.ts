import { describe, expect, it } from 'vitest';
import { readBitbucketError } from '../../../../electron/engine/http/bitbucket-errors';
import { responseErrorInfo } from '../../../../electron/engine/http/response-errors';

const body = (message: string, exceptionName: string | null = null) => JSON.stringify({ errors: [{ context: null, message, exceptionName }] });
const facts = (status: number, text: string, auth: 'bearer' | 'basic' | 'none' = 'bearer') => ({
  status,
  method: 'GET',
  url: 'https://bb.example.com/rest/api/1.0/repos',
  text,
  contentType: 'application/json',
  location: null,
  auth,
  retryAfterMs: null,
});

describe("Bitbucket's error classes lead the message (issue 11 item 3)", () => {
  it.each([
    ['com.atlassian.bitbucket.auth.NoAccessAuthenticationException', 'This instance is not licensed. Please contact your administrator.'],
    ['com.atlassian.bitbucket.auth.NoAccessAuthenticationException', 'Bitbucket is unlicensed'],
    [null, 'Your Bitbucket license has expired.'],
    ['com.atlassian.bitbucket.license.LicenseExpiredException', 'The license has expired'],
    ['com.atlassian.stash.internal.license.LicenseException', 'No valid licence is installed'],
  ])('%s "%s" is a licence problem, not a bad credential', (exceptionName, message) => {
    const info = responseErrorInfo(facts(401, body(message, exceptionName)));
    expect(info.code).toBe('licence');
    expect(info.message).toMatch(/^bb\.example\.com is not licensed \(401\)/);
    expect(info.message).not.toMatch(/check the token or password/);
    expect(info.message).toContain(message.replace(/\.$/, ''));
  });

  it('a user that is not licensed, a wrong password, a CAPTCHA lock, a missing permission, an expired token', () => {
    const cases: Array<[string | null, string, string, RegExp]> = [
      [
        'com.atlassian.bitbucket.auth.NoAccessAuthenticationException',
        'You do not have access to Bitbucket',
        'forbidden',
        /denies this user access to Bitbucket/,
      ],
      [
        'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException',
        'Authentication failed. Please check your credentials and try again.',
        'auth',
        /rejected the credential \(401\): the user name, password or token is wrong/,
      ],
      ['com.atlassian.bitbucket.auth.CaptchaRequiredAuthenticationException', 'CAPTCHA required', 'auth', /CAPTCHA/],
      ['com.atlassian.bitbucket.AuthorisationException', 'You are not permitted to access this resource', 'forbidden', /lacks permission.*BSERV-10482/],
      [null, 'The access token has expired', 'auth', /access token has expired/],
    ];
    for (const [exceptionName, message, code, lead] of cases) {
      const info = responseErrorInfo(facts(401, body(message, exceptionName)));
      expect(info.code, message).toBe(code);
      expect(info.message).toMatch(lead);
      expect(info.message).toContain(`Bitbucket said: "${message.replace(/\.$/, '')}"`);
    }
  });

  it('a 403 for a licence limit, and bodies with nothing to recognise, keep their old meaning', () => {
    expect(responseErrorInfo(facts(403, body('The license user limit has been reached for this Bitbucket instance'))).code).toBe('licence');
    expect(responseErrorInfo(facts(401, 'not json')).message).toMatch(/rejected the credential \(401\)/);
    expect(responseErrorInfo(facts(401, body('Something else'), 'none')).message).toMatch(/requires a login/);
    expect(readBitbucketError('<html>').kind).toBeNull();
    expect(readBitbucketError(JSON.stringify({ message: 'Basic Authentication has been disabled on this instance.' })).kind).toBeNull();
  });
});

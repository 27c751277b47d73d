import { describe, expect, it } from 'vitest';
import { testConnection } from '../../../electron/engine/settings/test-connection';
import { client, failure, serve } from './helpers/client-harness';
import { json } from './helpers/test-server';

/** An instance whose licence expired: anonymous reads answer, every authenticated one is refused. */
const NOT_LICENSED = {
  errors: [
    {
      context: null,
      message: 'This Bitbucket instance is not licensed. Please contact your administrator.',
      exceptionName: 'com.atlassian.bitbucket.auth.NoAccessAuthenticationException',
    },
  ],
};

async function unlicensed() {
  return serve({
    '/rest/api/1.0/application-properties': (_q, res) => json(res, 200, { version: '8.19.5', buildNumber: '8019005', displayName: 'Bitbucket' }),
    '/rest/api/1.0/users': (_q, res) => json(res, 401, NOT_LICENSED),
    '/rest/api/1.0/admin/cluster': (_q, res) => json(res, 401, NOT_LICENSED),
    '/rest/api/1.0/repos': (_q, res) => json(res, 401, NOT_LICENSED),
  });
}

describe('an unlicensed Bitbucket (issue 11 item 3)', () => {
  it('the client calls it a licence problem and quotes Bitbucket', async () => {
    const s = await unlicensed();
    const e = await failure(client(s).getPaged('/rest/api/1.0/repos'));
    expect(e.code).toBe('licence');
    expect(e.httpStatus).toBe(401);
    expect(e.message).toMatch(/^127\.0\.0\.1:\d+ is not licensed \(401\).*The credential is not the problem/);
    expect(e.message).toContain(
      'Bitbucket said: "This Bitbucket instance is not licensed. Please contact your administrator" (NoAccessAuthenticationException)',
    );
    expect(e.message).not.toMatch(/check the token or password/);
  });

  it("Test connection leads with the licence and keeps Bitbucket's message, for both credentials", async () => {
    const s = await unlicensed();
    const report = await testConnection({
      baseUrl: s.url,
      read: { kind: 'bearer', token: 'read-token' },
      admin: { kind: 'basic', username: 'svc', password: 'pw' },
      caPem: undefined,
      proxy: 'direct',
      timeoutMs: 5_000,
    });
    expect(report.ok).toBe(false);
    expect(report.version).toBe('8.19.5');
    const read = report.steps.find((x) => x.step === 'read-credential')!;
    const admin = report.steps.find((x) => x.step === 'admin-credential')!;
    for (const step of [read, admin]) {
      expect(step.status).toBe('failed');
      expect(step.message).toMatch(/is not licensed \(401\)/);
      expect(step.message).toContain('This Bitbucket instance is not licensed');
      expect(step.message).not.toMatch(/Rejected: check|treats this credential as anonymous/);
    }
  });
});

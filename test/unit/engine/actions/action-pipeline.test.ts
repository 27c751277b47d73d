import { describe, expect, it, vi } from 'vitest';
import { FleetApiError } from '../../../../shared/contract';
import { createActionPipeline, type ActionPlan, type PipelineDeps } from '../../../../electron/engine/actions/action-pipeline';
import { openAuditLog } from '../../../../electron/engine/audit/audit-log';
import type { BitbucketClient } from '../../../../electron/engine/http/bitbucket-client-contract';
import { FleetError } from '../../../../electron/engine/http/fleet-error';

const client = { write: vi.fn(async () => ({ status: 204, body: null, headers: {} })) } as unknown as BitbucketClient & { write: ReturnType<typeof vi.fn> };

function setUp(over: Partial<PipelineDeps> = {}) {
  const audit = openAuditLog(':memory:');
  let t = 1000;
  const repoll = vi.fn(async () => true);
  const deps: PipelineDeps = {
    audit,
    now: () => t++,
    localCaller: { name: 'alice (desktop)', role: 'admin' },
    primaryName: () => 'Production',
    configuredAdmin: () => ({ username: 'svc-admin', password: 'configured-secret' }),
    repoll,
    ...over,
  };
  return { audit, repoll, run: createActionPipeline(deps) };
}

function plan(over: Partial<ActionPlan> = {}): ActionPlan {
  return {
    action: 'clearCache',
    primaryId: 'prod',
    targetId: 'prod',
    target: 'Production — PLAT/api',
    summary: 'Clear the caches of PLAT/api',
    unauthorizedMessage: (c) => `${c} lacks admin permission`,
    perform: async (admin) => {
      await admin.write(client, 'DELETE', '/rest/scm-cache/latest/caches/PLAT/api');
      return '204 No Content';
    },
    repoll: { targetId: 'prod', area: 'cache' },
    ...over,
  };
}

describe('the action pipeline', () => {
  it('audits before the request leaves and after the answer, then answers once the re-poll is done', async () => {
    const { audit, repoll, run } = setUp();
    let seenDuring: string | undefined;
    const result = await run(
      plan({
        perform: async () => {
          seenDuring = audit.list({ limit: 1 })[0]!.outcome;
          return '204 No Content';
        },
      }),
      {},
    );
    expect(seenDuring).toBe('started');
    expect(result).toEqual({ ok: true, auditId: expect.any(String) });
    expect(audit.list({ limit: 10 })[0]).toMatchObject({
      id: result.auditId,
      action: 'clearCache',
      actor: 'alice (desktop)',
      credential: 'svc-admin',
      outcome: 'succeeded',
      detail: '204 No Content',
      startedAt: 1000,
      finishedAt: 1001,
    });
    expect(repoll).toHaveBeenCalledWith('prod', 'cache', 10_000);
  });

  it('records a failure, maps a 401 to the permission message naming the credential, never retries, and still re-polls', async () => {
    const { audit, repoll, run } = setUp();
    const perform = vi.fn(async () => {
      throw new FleetError({ code: 'auth', message: 'rejected', httpStatus: 401 });
    });
    const err = await run(plan({ perform }), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FleetApiError);
    expect(err).toMatchObject({ code: 'auth', message: 'svc-admin lacks admin permission' });
    expect(perform).toHaveBeenCalledOnce();
    expect(repoll).toHaveBeenCalledOnce();
    expect(audit.list({ limit: 5, targetId: 'prod' })[0]).toMatchObject({ outcome: 'failed', detail: 'svc-admin lacks admin permission' });
  });

  it('refuses a read-only primary with the reason, before anything is audited or sent', async () => {
    const { audit, run } = setUp({ configuredAdmin: () => undefined });
    const perform = vi.fn(async () => null);
    await expect(run(plan({ perform }), {})).rejects.toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/No admin credential is configured for Production/),
    });
    expect(perform).not.toHaveBeenCalled();
    expect(audit.list({ limit: 5 })).toEqual([]);
  });

  it('refuses a viewer, saying actions need an admin token', async () => {
    const { audit, run } = setUp();
    await expect(run(plan(), { caller: { name: 'team-viewer', role: 'viewer' } })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/team-viewer may only view/),
    });
    expect(audit.list({ limit: 5 })).toEqual([]);
  });

  it('writes with a one-time admin credential given with the action, audits its user name, and keeps nothing for the next action', async () => {
    const { audit, run } = setUp({ configuredAdmin: () => undefined });
    client.write.mockClear();
    await run(plan(), { admin: { username: 'jane-admin', password: 'one-time-secret' }, caller: { name: 'bob (browser mode)', role: 'admin' } });
    expect(client.write).toHaveBeenCalledWith('DELETE', '/rest/scm-cache/latest/caches/PLAT/api', {
      admin: { kind: 'basic', username: 'jane-admin', password: 'one-time-secret' },
    });
    expect(audit.list({ limit: 1 })[0]).toMatchObject({ credential: 'jane-admin', actor: 'bob (browser mode)' });
    expect(JSON.stringify(audit.list({ limit: 5 }))).not.toContain('one-time-secret');
    // The next action without a credential is read-only again: nothing was remembered.
    await expect(run(plan(), {})).rejects.toMatchObject({ code: 'auth' });
  });

  it('uses the configured admin credential when none is given', async () => {
    const { run } = setUp();
    client.write.mockClear();
    await run(plan(), {});
    expect(client.write).toHaveBeenCalledWith('DELETE', expect.any(String), { admin: { kind: 'basic', username: 'svc-admin', password: 'configured-secret' } });
  });

  it('says so when the next poll did not finish, or does not show the change, within the wait', async () => {
    const late = setUp({ repoll: async () => false, repollTimeoutMs: 3000 });
    expect(await late.run(plan(), {})).toMatchObject({ ok: true, note: expect.stringMatching(/did not finish within 3 s/) });
    const unseen = setUp();
    expect(await unseen.run(plan({ shows: () => false }), {})).toMatchObject({ ok: true, note: expect.stringMatching(/does not show it yet/) });
    const seen = setUp();
    expect(await seen.run(plan({ shows: () => true }), {})).not.toHaveProperty('note');
  });
});

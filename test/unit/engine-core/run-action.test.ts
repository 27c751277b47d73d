import { describe, expect, it, vi } from 'vitest';
import { FleetApiError } from '../../../shared/contract';
import { openAuditLog } from '../../../electron/engine/audit/audit-log';
import { runAction } from '../../../electron/engine/audit/run-action';
import { FleetError } from '../../../electron/engine/http/fleet-error';

const spec = { action: 'clearCache', credential: 'svc-admin', targetId: 'prod', target: 'Production — PLAT/api', summary: 'Clear 12 MB of caches' };

describe('runAction and the audit log', () => {
  it('writes the entry before the request leaves, completes it after, and re-polls', async () => {
    const audit = openAuditLog(':memory:');
    let t = 1000;
    const repoll = vi.fn();
    let seenDuring: string | undefined;
    const result = await runAction(
      { audit, actor: 'alice (desktop)', now: () => t++ },
      spec,
      async () => {
        seenDuring = audit.list({ limit: 1 })[0]!.outcome;
        return '204 No Content';
      },
      repoll,
    );
    expect(seenDuring).toBe('started');
    expect(result.ok).toBe(true);
    const [entry] = audit.list({ limit: 10 });
    expect(entry).toMatchObject({
      id: result.auditId,
      actor: 'alice (desktop)',
      credential: 'svc-admin',
      outcome: 'succeeded',
      detail: '204 No Content',
      startedAt: 1000,
      finishedAt: 1001,
    });
    expect(repoll).toHaveBeenCalledOnce();
    audit.close();
  });

  it('records a failure, maps a 401 to the permission message, never retries, and still re-polls', async () => {
    const audit = openAuditLog(':memory:');
    const perform = vi.fn(async () => {
      throw new FleetError({ code: 'auth', message: 'rejected', httpStatus: 401 });
    });
    const repoll = vi.fn();
    const err = await runAction(
      { audit, actor: 'bob (browser mode)', now: () => 5 },
      { ...spec, unauthorizedMessage: 'The admin credential lacks admin permission.' },
      perform,
      repoll,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FleetApiError);
    expect(err).toMatchObject({ code: 'auth', message: 'The admin credential lacks admin permission.' });
    expect(perform).toHaveBeenCalledOnce();
    expect(repoll).toHaveBeenCalledOnce();
    expect(audit.list({ limit: 5, targetId: 'prod' })[0]).toMatchObject({ outcome: 'failed', detail: 'The admin credential lacks admin permission.' });
    expect(audit.list({ limit: 5, targetId: 'other' })).toEqual([]);
    audit.close();
  });
});

import { FleetApiError } from '../../../shared/contract';
import type { ActionResult } from '../../../shared/model';
import { FleetError } from '../http/fleet-error';
import type { AuditLog, AuditStart } from './audit-log';

export interface ActionSpec extends Omit<AuditStart, 'actor'> {
  /**
   * Message for a 401 on this action: Bitbucket answers 401, not 403, when the admin credential
   * lacks the permission, so the generic "rejected the credential" would mislead.
   */
  unauthorizedMessage?: string;
}

/**
 * Runs one admin action: audited before the request leaves and after the answer, never retried
 * (a retry could apply it twice), then `afterwards` (a re-poll). Failures reach the caller as a
 * FleetApiError with the fleet's code and an actionable message.
 */
export async function runAction(
  deps: { audit: AuditLog; actor: string; now: () => number },
  spec: ActionSpec,
  perform: () => Promise<string | null>,
  afterwards: () => void,
): Promise<ActionResult> {
  const { unauthorizedMessage, ...start } = spec;
  const entry = deps.audit.begin({ ...start, actor: deps.actor }, deps.now());
  try {
    const detail = await perform();
    deps.audit.finish(entry.id, 'succeeded', detail, deps.now());
    return { ok: true, auditId: entry.id };
  } catch (err) {
    const apiError = toApiError(err, unauthorizedMessage);
    deps.audit.finish(entry.id, 'failed', apiError.message, deps.now());
    throw apiError;
  } finally {
    afterwards();
  }
}

function toApiError(err: unknown, unauthorizedMessage: string | undefined): FleetApiError {
  if (err instanceof FleetApiError) return err;
  if (err instanceof FleetError) {
    if (err.httpStatus === 401 && unauthorizedMessage) return new FleetApiError('auth', unauthorizedMessage);
    return new FleetApiError(err.code, err.message);
  }
  return new FleetApiError('internal', err instanceof Error ? err.message : String(err));
}

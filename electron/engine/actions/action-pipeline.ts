import { FleetApiError, viewerRefusal, type ActionRequestName, type OneTimeAdmin, type ProbeRequestName } from '../../../shared/contract';
import type { ActionResult } from '../../../shared/model';
import type { AuditLog } from '../audit/audit-log';
import type { CredentialConfig } from '../config/fleet-config-schema';
import type { Caller } from '../handlers';
import type { BitbucketClient, Credential, JsonResponse, WriteOptions } from '../http/bitbucket-client-contract';
import { FleetError } from '../http/fleet-error';
import type { AreaName } from '../scheduler/target-registry';

/** How long an action waits for the re-poll that shows its effect before answering anyway. */
export const REPOLL_WAIT_MS = 10_000;

/** Writes with the credential chosen for this one action; the only way an action writes. */
export interface AdminWrites {
  write(client: BitbucketClient, method: 'POST' | 'PUT' | 'DELETE', path: string, opts?: Omit<WriteOptions, 'admin'>): Promise<JsonResponse>;
}

/** One admin action, as an area describes it: what, on which target, and how to do it. */
export interface ActionPlan {
  action: ActionRequestName | Extract<ProbeRequestName, 'probeClone'>;
  /**
   * The credential the action uses: the admin one (the default), or the primary's read
   * credential for actions that change nothing on the fleet (a clone probe). Either way the
   * action is refused to viewers and audited before and after.
   */
  credential?: 'admin' | 'read';
  /** The primary whose admin credential the action needs (mirrors authenticate against it too). */
  primaryId: string;
  /** The audited target: the primary, or a farm discovered from it. */
  targetId: string;
  /** Human description of the target, e.g. `Production EU — PLAT/payments-api`. */
  target: string;
  /** What the action does, as the confirmation says it. */
  summary: string;
  /**
   * Message for a 401 on this action: Bitbucket answers 401, not 403, when the admin credential
   * lacks the permission, so the generic "rejected the credential" would mislead.
   */
  unauthorizedMessage(credential: string): string;
  /** Sends the change; returns a short detail for the audit entry, or null. */
  perform(admin: AdminWrites): Promise<string | null>;
  /** The poll that shows the change: a target, optionally one area of it; none for an action that changes nothing. */
  repoll: { targetId: string; area?: AreaName } | null;
  /** True once the polled state shows the change; without it, a finished re-poll is enough. */
  shows?: () => boolean;
}

export interface PipelineDeps {
  audit: AuditLog | undefined;
  now(): number;
  /** The host's own user, when a handler is called without a caller (the shell's own requests). */
  localCaller: Caller;
  primaryName(primaryId: string): string;
  configuredAdmin(primaryId: string): CredentialConfig | undefined;
  repoll(targetId: string, area: AreaName | undefined, timeoutMs: number): Promise<boolean>;
  repollTimeoutMs?: number;
}

export interface ActionRequest {
  /** A one-time admin credential given with this action; used for it alone and then dropped. */
  admin?: OneTimeAdmin | undefined;
  caller?: Caller | undefined;
}

/**
 * The one action pipeline, the same for every action of every area: refuse viewers and
 * read-only primaries with the reason, choose the admin credential (the one given with the
 * action, else the configured one), audit before the request leaves and after the answer, never
 * retry (a retry could apply it twice), then answer once the next poll shows the change — or say
 * that it did not within the wait.
 */
export function createActionPipeline(deps: PipelineDeps) {
  const waitMs = deps.repollTimeoutMs ?? REPOLL_WAIT_MS;
  return async (plan: ActionPlan, request: ActionRequest): Promise<ActionResult> => {
    const caller = request.caller ?? deps.localCaller;
    const name = deps.primaryName(plan.primaryId);
    if (caller.role !== 'admin') {
      throw new FleetApiError('forbidden', viewerRefusal(caller, 'actions'));
    }
    if (plan.credential === 'read') return runReadOnly(plan, caller, deps);
    const configured = deps.configuredAdmin(plan.primaryId);
    const given: Credential | undefined = request.admin ? { kind: 'basic', username: request.admin.username, password: request.admin.password } : undefined;
    const credential = given ?? toCredential(configured);
    if (!credential) {
      throw new FleetApiError(
        'auth',
        `No admin credential is configured for ${name}, so it is watched read-only: add \`admin: { username, password }\` for it to the fleet config, or give an admin user name and password for this one action.`,
      );
    }
    const audit = requireAudit(deps);
    const label = credential.kind === 'basic' ? credential.username : 'admin access token';
    const entry = audit.begin(
      { action: plan.action, actor: caller.name, credential: label, targetId: plan.targetId, target: plan.target, summary: plan.summary },
      deps.now(),
    );
    const writes: AdminWrites = { write: (client, method, path, opts = {}) => client.write(method, path, { ...opts, admin: credential }) };
    try {
      const detail = await plan.perform(writes);
      audit.finish(entry.id, 'succeeded', detail, deps.now());
    } catch (err) {
      const apiError = toApiError(err, () => plan.unauthorizedMessage(label));
      audit.finish(entry.id, 'failed', apiError.message, deps.now());
      // The fleet may have changed anyway (a timeout after the write arrived): look again.
      if (plan.repoll) void deps.repoll(plan.repoll.targetId, plan.repoll.area, waitMs);
      throw apiError;
    }
    if (!plan.repoll) return { ok: true, auditId: entry.id };
    const polled = await deps.repoll(plan.repoll.targetId, plan.repoll.area, waitMs);
    if (polled && (plan.shows?.() ?? true)) return { ok: true, auditId: entry.id };
    const seconds = Math.round(waitMs / 1000);
    const note = polled
      ? `${name} accepted the change, but its next poll does not show it yet; the view updates when it does.`
      : `${name} accepted the change, but its next poll did not finish within ${seconds} s; the view updates when it does.`;
    return { ok: true, auditId: entry.id, note };
  };
}

/** An action on Fleetscope's own state (the alert lifecycle): audited and refused to viewers like any action, with no Bitbucket write. */
export interface LocalActionPlan<T> {
  action: ActionRequestName;
  targetId: string;
  target: string;
  summary: string;
  /** Makes the change; throws a FleetApiError to refuse it (audited as failed). */
  perform(actor: string): T;
}

/**
 * The same pipeline for actions that change only Fleetscope's own state: viewers refused with the
 * reason, audited before and after (credential: none), never retried, no re-poll to wait for.
 */
export function createLocalActionPipeline(deps: Pick<PipelineDeps, 'audit' | 'now' | 'localCaller'>) {
  return <T>(plan: LocalActionPlan<T>, caller: Caller | undefined): { result: T; auditId: string } => {
    const who = caller ?? deps.localCaller;
    if (who.role !== 'admin') throw new FleetApiError('forbidden', viewerRefusal(who, 'actions'));
    if (!deps.audit) throw new Error('This Fleetscope has no audit log, so it cannot run admin actions');
    const entry = deps.audit.begin(
      { action: plan.action, actor: who.name, credential: null, targetId: plan.targetId, target: plan.target, summary: plan.summary },
      deps.now(),
    );
    try {
      const result = plan.perform(who.name);
      deps.audit.finish(entry.id, 'succeeded', null, deps.now());
      return { result, auditId: entry.id };
    } catch (err) {
      deps.audit.finish(entry.id, 'failed', err instanceof Error ? err.message : String(err), deps.now());
      throw err;
    }
  };
}

function requireAudit(deps: PipelineDeps): AuditLog {
  if (!deps.audit) throw new Error('This engine has no audit log, so it cannot run audited actions');
  return deps.audit;
}

/** An action that only reads the fleet with the primary's read credential: audited the same way, nothing to re-poll. */
async function runReadOnly(plan: ActionPlan, caller: Caller, deps: PipelineDeps): Promise<ActionResult> {
  const audit = requireAudit(deps);
  const entry = audit.begin(
    { action: plan.action, actor: caller.name, credential: 'read credential', targetId: plan.targetId, target: plan.target, summary: plan.summary },
    deps.now(),
  );
  try {
    const detail = await plan.perform({
      write: () => Promise.reject(new FleetApiError('internal', `${plan.action} is a read-only action and may not write to the fleet.`)),
    });
    audit.finish(entry.id, 'succeeded', detail, deps.now());
    return { ok: true, auditId: entry.id };
  } catch (err) {
    const apiError = toApiError(err, () => plan.unauthorizedMessage('read credential'));
    audit.finish(entry.id, 'failed', apiError.message, deps.now());
    throw apiError;
  }
}

const toCredential = (c: CredentialConfig | undefined): Credential | undefined =>
  c === undefined ? undefined : 'token' in c ? { kind: 'bearer', token: c.token } : { kind: 'basic', username: c.username, password: c.password };

function toApiError(err: unknown, unauthorizedMessage: () => string): FleetApiError {
  if (err instanceof FleetApiError) return err;
  if (err instanceof FleetError) {
    // A 401 that Bitbucket explained otherwise (licence, CAPTCHA lock, expired token) keeps its own message.
    const plainRefusal = err.bitbucketKind === null || err.bitbucketKind === 'not-permitted';
    if (err.httpStatus === 401 && plainRefusal) return new FleetApiError('auth', unauthorizedMessage());
    return new FleetApiError(err.code, err.message);
  }
  return new FleetApiError('internal', err instanceof Error ? err.message : String(err));
}

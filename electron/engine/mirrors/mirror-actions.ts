import { FleetApiError, type OneTimeAdmin } from '../../../shared/contract';
import type { ActionResult } from '../../../shared/model';
import type { AreaContext } from '../area';
import type { Caller, HandlersOf } from '../handlers';
import { FleetError } from '../http/fleet-error';
import { field, text } from '../bitbucket/normalise-read';
import type { FarmState } from './farm-state';
import type { UpstreamTable } from './upstream-table';
import { MIRRORING, type UpstreamState } from './upstream-poll';

/** What the action handlers need of the running area. */
export interface ActionDeps {
  ctx(): AreaContext;
  upstream(primaryId: string): UpstreamState | undefined;
  /** The primary's repositories with their hashes, as of its last mirror sweep. */
  hashes(primaryId: string): UpstreamTable | null;
  findFarm(primaryId: string, mirrorId: string): FarmState | undefined;
}

type ActionHandlers = HandlersOf<'acceptMirrorRequest' | 'rejectMirrorRequest' | 'setMirrorProjects' | 'removeMirror'>;

const NOT_ADMIN =
  'The admin credential was refused (401): Bitbucket answers 401 when the user is not a system administrator, or when an HTTP access token is used — mirroring administration needs a username and password (BSERV-10482).';

/**
 * The mirror actions. Each needs the primary's admin credential, runs once (never retried),
 * is audited before and after, and re-polls what it changed.
 */
export function mirrorActions(deps: ActionDeps): ActionHandlers {
  const decide =
    (verb: 'accept' | 'reject') =>
    async (
      { primaryId, requestId, admin }: { primaryId: string; requestId: string; admin?: OneTimeAdmin | undefined },
      caller?: Caller,
    ): Promise<ActionResult> => {
      const { ctx, primary } = primaryOf(deps, primaryId);
      const request = deps.upstream(primaryId)?.pending.find((r) => r.id === requestId);
      const label = request ? `"${request.name}"${request.baseUrl ? ` (${request.baseUrl})` : ''}` : `of request ${requestId}`;
      return ctx.runAction(
        {
          action: verb === 'accept' ? 'acceptMirrorRequest' : 'rejectMirrorRequest',
          primaryId,
          targetId: primaryId,
          target: `${primary.name} — mirror ${label}`,
          summary:
            verb === 'accept'
              ? `Authorize mirror ${label} on ${primary.name}: it becomes a mirror of this primary and receives the content of the projects it is given.`
              : `Reject mirror ${label} on ${primary.name}: it is not authorized and receives no content.`,
          unauthorizedMessage: () => NOT_ADMIN,
          perform: async (writes) => {
            try {
              const res = await writes.write(ctx.primaryClient(primaryId), 'POST', `${MIRRORING}/requests/${encodeURIComponent(requestId)}/${verb}`);
              const name = text(field(res.body, 'name')) ?? request?.name ?? `request ${requestId}`;
              const id = text(field(res.body, 'id'));
              return `${verb === 'accept' ? 'Authorized' : 'Rejected'} mirror ${name}${id ? ` (id ${id})` : ''}`;
            } catch (err) {
              if (err instanceof FleetError && err.httpStatus === 409 && /not available/i.test(err.body ?? '')) {
                throw new FleetApiError('not-available', `Mirroring is not available on ${primary.name} (409): it needs a Data Center licence.`);
              }
              if (err instanceof FleetError && err.httpStatus === 409) {
                throw new FleetApiError(
                  'conflict',
                  `The mirror request ${requestId} no longer exists on ${primary.name} (409): the mirror withdrew it, or another admin already accepted or rejected it. The list of pending requests has been refreshed.`,
                );
              }
              throw err;
            }
          },
          repoll: { targetId: primaryId, area: 'mirrors' },
          shows: () => !(deps.upstream(primaryId)?.pending ?? []).some((r) => r.id === requestId),
        },
        { admin, caller },
      );
    };

  return {
    acceptMirrorRequest: decide('accept'),
    rejectMirrorRequest: decide('reject'),

    setMirrorProjects: async ({ primaryId, mirrorId, mode, projectIds, admin }, caller) => {
      const { ctx, primary } = primaryOf(deps, primaryId);
      const farm = deps.findFarm(primaryId, mirrorId);
      if (!farm)
        throw new FleetApiError(
          'not-found',
          `${primary.name} has no mirror with id "${mirrorId}" that Fleetscope knows of; wait for the next poll, or check the id.`,
        );
      const { api, upstreamId } = farm.probeInfo();
      if (api === null || (api === '8.x' && upstreamId === null)) {
        throw new FleetApiError(
          'not-available',
          `Fleetscope has not reached mirror "${farm.farm.name}" yet, so it does not know which API it speaks; try again after its next poll.`,
        );
      }
      const ids = mode === 'ALL_PROJECTS' ? [] : [...new Set(projectIds)];
      const hashes = deps.hashes(primaryId);
      const keyOf = (id: string): string => hashes?.projectKeyOf(id) ?? `project ${id}`;
      const what =
        mode === 'ALL_PROJECTS' ? 'every project of the primary' : `${ids.length} project${ids.length === 1 ? '' : 's'}: ${ids.map(keyOf).join(', ')}`;
      const path = api === '9.x' ? `${MIRRORING}/syncSettings` : `${MIRRORING}/upstreamServers/${encodeURIComponent(upstreamId ?? '')}/settings`;
      return ctx.runAction(
        {
          action: 'setMirrorProjects',
          primaryId,
          targetId: farm.id,
          target: `${primary.name} — mirror "${farm.farm.name}"`,
          summary: `Mirror "${farm.farm.name}" synchronizes ${what}; repositories of other projects are no longer served by it.`,
          unauthorizedMessage: () => NOT_ADMIN,
          perform: async (writes) => {
            await writes.write(ctx.clientFor(primaryId, farm.farm.baseUrl), 'PUT', path, { body: { mode, projectIds: ids } });
            return `Sync settings of ${farm.farm.name} set to ${mode === 'ALL_PROJECTS' ? 'all projects' : ids.length === 0 ? 'no project' : ids.map(keyOf).join(', ')}`;
          },
          repoll: { targetId: farm.id },
        },
        { admin, caller },
      );
    },

    removeMirror: async ({ primaryId, mirrorId, admin }, caller) => {
      const { ctx, primary } = primaryOf(deps, primaryId);
      const farm = deps.findFarm(primaryId, mirrorId);
      const name = farm ? `"${farm.farm.name}" (${farm.farm.baseUrl})` : `with id ${mirrorId}`;
      return ctx.runAction(
        {
          action: 'removeMirror',
          primaryId,
          targetId: farm?.id ?? primaryId,
          target: `${primary.name} — mirror ${name}`,
          summary: `Remove mirror ${name} from ${primary.name}: its access is revoked, it stops receiving changes, and its users can no longer clone from it.`,
          unauthorizedMessage: () => NOT_ADMIN,
          perform: async (writes) => {
            try {
              await writes.write(ctx.primaryClient(primaryId), 'DELETE', `${MIRRORING}/mirrorServers/${encodeURIComponent(mirrorId)}`);
            } catch (err) {
              if (err instanceof FleetError && err.httpStatus === 404 && farm === undefined) {
                throw new FleetApiError('not-found', `${primary.name} has no mirror with id "${mirrorId}" (404): it may have been removed already.`);
              }
              throw err;
            }
            return `Removed mirror ${name}`;
          },
          repoll: { targetId: primaryId, area: 'mirrors' },
        },
        { admin, caller },
      );
    },
  };
}

/** The primary the action is for; read-only refusal and credentials are the pipeline's. */
function primaryOf(deps: ActionDeps, primaryId: string) {
  const ctx = deps.ctx();
  const primary = ctx.primary(primaryId);
  if (!primary) throw new FleetApiError('not-found', `No primary with id "${primaryId}" in this fleet.`);
  return { ctx, primary };
}

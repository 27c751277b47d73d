import type { DatasetState, TargetError } from '../../../shared/model';

/**
 * Why `admin/cluster` could not be read, when it could not. Bitbucket refuses HTTP access tokens on
 * admin endpoints (BSERV-10482) and answers 401 to a user without admin rights, so with only a read
 * credential — the setup Atlassian recommends for dashboards — membership is unreadable by design:
 * an info note, not degradation or staleness. It is the credential's fault only when the read
 * credential itself is refused elsewhere (the inventory), and a real failure when it used to work.
 */
export type ClusterAccess = { kind: 'ok' } | { kind: 'not-permitted'; note: string } | { kind: 'failed'; error: TargetError };

export const MEMBERSHIP_NEEDS_ADMIN =
  'Cluster membership needs an admin credential: Bitbucket refuses HTTP access tokens on admin endpoints (BSERV-10482) and answers 401 to users without admin rights. Add `admin: { username, password }` (a Bitbucket admin, Basic over HTTPS) to this primary to see its cluster nodes; everything else is read with the read credential.';

/** True when the read credential was refused on an authenticated read (the repository inventory). */
export function readCredentialRejected(inventory: DatasetState): boolean {
  return inventory.state === 'failed' && inventory.code === 'auth';
}

export function clusterAccess(
  cluster: { ok: true } | { ok: false; error: TargetError },
  o: { hasAdmin: boolean; readRejected: boolean; previousNodes: DatasetState },
): ClusterAccess {
  if (cluster.ok) return { kind: 'ok' };
  const e = cluster.error;
  const refused = (e.httpStatus === 401 || e.httpStatus === 403) && (e.code === 'auth' || e.code === 'forbidden');
  // With an admin credential a refusal is that credential's problem; a licence problem is nobody's design.
  if (!refused || o.hasAdmin || o.readRejected) return { kind: 'failed', error: e };
  // Read before with the same credential and refused now: something changed (password, permissions).
  if (o.previousNodes.state === 'ok') return { kind: 'failed', error: e };
  return { kind: 'not-permitted', note: MEMBERSHIP_NEEDS_ADMIN };
}

import { useShallow } from 'zustand/react/shallow';
import type { ActionResult, PendingMirrorRequest, Primary } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { useFleetStore } from '../../state/fleet.store';
import { selectPrimariesWithRequests } from './mirrors-selectors';
import { useActionLock } from '../../components/use-action-lock';

type Decision = { verb: 'accept' | 'reject'; primary: Primary; request: PendingMirrorRequest };

const describe = (r: PendingMirrorRequest): string =>
  [r.mirrorType === 'FARM' ? 'Mirror farm' : r.mirrorType === 'SINGLE' ? 'Single mirror' : null, r.productVersion ? `Bitbucket ${r.productVersion}` : null]
    .filter(Boolean)
    .join(' · ');

/** Mirrors asking a primary to be authorized, with Authorize and Reject behind a confirmation. */
export const PendingRequests = () => {
  const primaries = useFleetStore(useShallow(selectPrimariesWithRequests));
  const bridge = useBridge();
  const confirmed = useConfirmedAction<ActionResult>();
  const lock = useActionLock();
  const decide = ({ verb, primary, request }: Decision): void =>
    confirmed.ask({
      title: verb === 'accept' ? `Authorize mirror ${request.name}?` : `Reject mirror ${request.name}?`,
      confirmLabel: verb === 'accept' ? 'Authorize mirror' : 'Reject mirror',
      danger: verb === 'reject',
      asAdminOf: primary,
      done:
        verb === 'accept'
          ? `Mirror ${request.name} authorized on ${primary.name}. Choose the projects it synchronizes below.`
          : `Mirror ${request.name} rejected on ${primary.name}.`,
      run: (extra) => {
        const args = { primaryId: primary.id, requestId: request.id, ...extra };
        return verb === 'accept' ? bridge.acceptMirrorRequest(args) : bridge.rejectMirrorRequest(args);
      },
      body:
        verb === 'accept' ? (
          <>
            <p>
              <strong>{request.name}</strong> ({request.baseUrl ?? 'no address given'}) becomes a mirror of <strong>{primary.name}</strong>.
            </p>
            <p>
              Accepting grants it the content of the projects it is given: every repository of the projects you then select (or of all projects) is copied to
              it, and its users clone them from it. It starts with no project until you choose.
            </p>
            <p className="muted small">Runs once with the admin credential of {primary.name} and is recorded in the audit log.</p>
          </>
        ) : (
          <>
            <p>
              <strong>{request.name}</strong> ({request.baseUrl ?? 'no address given'}) is refused by <strong>{primary.name}</strong>: it is not authorized and
              receives no content. Its administrator has to ask again to become a mirror.
            </p>
            <p className="muted small">Runs once with the admin credential of {primary.name} and is recorded in the audit log.</p>
          </>
        ),
    });
  const done = confirmed.lastDone?.text ?? null;

  return (
    <section className="panel mirror-requests" aria-labelledby="mirror-requests-title" data-testid="pending-requests">
      <h2 id="mirror-requests-title" className="section-title">
        Waiting for authorization <span className="count">{primaries.reduce((n, p) => n + p.pendingMirrorRequests.length, 0)}</span>
      </h2>
      {done && (
        <p className="mirror-done" role="status" data-testid="mirror-action-done">
          {done}
        </p>
      )}
      {primaries.length === 0 ? (
        <p className="muted small" data-testid="pending-empty">
          No mirror is waiting for authorization.
        </p>
      ) : (
        <ul className="mirror-requests__list">
          {primaries.flatMap((primary) =>
            primary.pendingMirrorRequests.map((request) => (
              <li
                key={`${primary.id}:${request.id}`}
                className="mirror-request"
                data-testid="pending-request"
                data-primary-id={primary.id}
                data-request-id={request.id}
              >
                <div className="mirror-request__what">
                  <strong>{request.name}</strong>
                  <span className="mono muted">{request.baseUrl ?? 'no address given'}</span>
                  <span className="muted small">
                    {describe(request)} · asks {primary.name}
                  </span>
                </div>
                <div className="mirror-request__actions">
                  <button
                    type="button"
                    className="button button--primary"
                    data-testid="authorize-request"
                    disabled={lock.locked}
                    title={lock.title}
                    aria-label={`Authorize ${request.name}…`}
                    onClick={() => decide({ verb: 'accept', primary, request })}
                  >
                    Authorize…
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-testid="reject-request"
                    disabled={lock.locked}
                    title={lock.title}
                    aria-label={`Reject ${request.name}…`}
                    onClick={() => decide({ verb: 'reject', primary, request })}
                  >
                    Reject…
                  </button>
                </div>
                {!primary.adminCredential && (
                  <p className="read-only-note" data-testid="read-only-note">
                    {primary.name} has no admin credential in the fleet config, so authorizing or rejecting asks for an admin user name and password, used for
                    that one action and never stored.
                  </p>
                )}
              </li>
            )),
          )}
        </ul>
      )}
      {confirmed.dialog}
    </section>
  );
};

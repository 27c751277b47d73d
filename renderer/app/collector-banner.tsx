import type { CollectorLink } from '../../shared/model';
import { RelativeTime } from '../components/relative-time';
import { selectHostLink, useSessionStore } from '../state/session.store';

const ROLE: Record<'admin' | 'viewer', string> = { admin: 'Admin', viewer: 'Viewer' };

const tone = (state: CollectorLink['state']): string => (state === 'live' ? 'banner--info' : state === 'refused' ? 'banner--critical' : 'banner--warning');

/**
 * Under the header of a team collector's client: which collector the fleet comes from, when it
 * was last heard from, and as whom; when the connection is lost, that it is and that it retries.
 */
export const CollectorBanner = () => {
  const link = useSessionStore(selectHostLink);
  if (link?.mode !== 'collector') return null;
  return (
    <div className={`banner collector-banner ${tone(link.state)}`} role="status" data-testid="collector-banner" data-state={link.state}>
      <span>
        Team collector <strong data-testid="collector-name">{link.name}</strong>
      </span>
      <span>
        {' · '}role <strong data-testid="collector-role">{link.role === null ? 'not known yet' : ROLE[link.role]}</strong>
        {link.tokenName && <span className="muted"> ({link.tokenName})</span>}
      </span>
      <span>
        {' · '}last contact <RelativeTime at={link.lastContactAt} testId="collector-last-contact" never="none yet" />
      </span>
      {link.state === 'reconnecting' && (
        <span className="collector-banner__problem" data-testid="collector-problem">
          {' — '}Connection lost, reconnecting; the data shown may be out of date. {link.message}
        </span>
      )}
      {link.state === 'refused' && (
        <span className="collector-banner__problem" data-testid="collector-problem">
          {' — '}
          {link.message}
        </span>
      )}
    </div>
  );
};

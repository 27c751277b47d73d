import { memo, useCallback, useState } from 'react';
import type { ActionResult, MirrorFarm, RepoSyncState } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { formatCount } from '../../../shared/logic/units';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { useFleetStore, type FleetState } from '../../state/fleet.store';
import { DetailSweepLine, formatLag, InitialSyncProgress, MirrorNodeTable, SyncSummary } from './farm-parts';
import { LagChart } from './lag-chart';
import { selectAdminCredential, selectFarm, selectPrimaryName } from './mirrors-selectors';
import { ProjectDialog } from './project-dialog';
import { usePrimaryProjects } from './use-primary-projects';
import { useActionLock } from '../../components/use-action-lock';

type Props = { id: string; onShowRepos(farmId: string, state: RepoSyncState | null): void; onDone(message: string): void };

/** One mirror farm or single mirror: health, nodes, sync summary, lag, projects, and its actions. */
export const FarmCard = memo(function FarmCard({ id, onShowRepos, onDone }: Props) {
  const farm = useFleetStore(useCallback((s: FleetState) => selectFarm(id)(s), [id]));
  const primaryId = farm?.primaryId ?? '';
  const primaryName = useFleetStore(useCallback((s: FleetState) => selectPrimaryName(primaryId)(s), [primaryId]));
  const admin = useFleetStore(useCallback((s: FleetState) => selectAdminCredential(primaryId)(s), [primaryId]));
  const [dialog, setDialog] = useState<'projects' | 'remove' | null>(null);
  const lock = useActionLock();
  if (!farm) return null;
  const up = farm.nodes.filter((n) => n.status === 'up').length;
  const kind = farm.mirrorType === 'FARM' ? 'Farm' : farm.mirrorType === 'SINGLE' ? 'Single mirror' : 'Mirror';
  return (
    <article
      className={`card farm-card farm-card--${farm.status}${farm.stale ? ' is-stale' : ''}`}
      data-testid="farm-card"
      data-farm-id={farm.id}
      data-mirror-id={farm.mirrorId}
      data-primary-id={farm.primaryId}
      data-farm-name={farm.name}
      data-status={farm.status}
      aria-labelledby={`farm-${farm.id}-name`}
    >
      <header className="card__header">
        <div className="card__title">
          <h3 id={`farm-${farm.id}-name`}>{farm.name}</h3>
          <span className="card__url mono">{farm.baseUrl}</span>
        </div>
        <span className="tag farm-card__kind">{kind}</span>
        {farm.api && (
          <span className="tag farm-card__kind" title="Which mirror REST paths it speaks">
            {farm.api} API
          </span>
        )}
        {farm.stale && (
          <span className="tag tag--stale" title="No successful poll for over two intervals; the figures are the last good ones.">
            Stale
          </span>
        )}
        <StatusBadge status={farm.status} testId="farm-status" />
      </header>
      {farm.statusMessage && (
        <p className="card__status-message" data-testid="farm-status-message">
          {farm.statusMessage}
        </p>
      )}
      <div className="card__body">
        <dl className="facts">
          <div>
            <dt>Primary</dt>
            <dd>{primaryName}</dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd className="mono">{farm.version ?? '—'}</dd>
          </div>
          <div>
            <dt>Nodes up</dt>
            <dd className="num" data-testid="farm-nodes-up">
              {up} / {farm.nodes.length}
            </dd>
          </div>
          <div>
            <dt>Lag</dt>
            <dd className="num" data-testid="farm-lag">
              {formatLag(farm.lagSeconds)}
            </dd>
          </div>
          <div>
            <dt>Queue</dt>
            <dd className="num" data-testid="farm-queue">
              {farm.queue.count === null ? '—' : formatCount(farm.queue.count)}
              {farm.queue.growing && <span className="farm-card__growing"> ↑ growing</span>}
            </dd>
          </div>
          <div>
            <dt>Seen by primary</dt>
            <dd>
              <RelativeTime at={farm.lastSeenByPrimaryAt} />
            </dd>
          </div>
          <div>
            <dt>Last poll</dt>
            <dd>
              <RelativeTime at={farm.lastPollAt} />
            </dd>
          </div>
        </dl>
        <InitialSyncProgress sync={farm.initialSync} />
        <SyncSummary counts={farm.repos} onPick={(state) => onShowRepos(farm.id, state)} />
        <DetailSweepLine sweep={farm.detailSweep} />
        <MirrorNodeTable nodes={farm.nodes} />
        <ProjectLine farm={farm} />
        <div className="farm-card__actions">
          <button
            type="button"
            className="button"
            data-testid="show-repos"
            aria-label={`Repositories of ${farm.name}`}
            onClick={() => onShowRepos(farm.id, null)}
          >
            Repositories
          </button>
          <button
            type="button"
            className="button"
            data-testid="choose-projects"
            aria-label={`Choose projects of ${farm.name}…`}
            disabled={farm.api === null || lock.locked}
            title={lock.title}
            onClick={() => setDialog('projects')}
          >
            Choose projects…
          </button>
          <button
            type="button"
            className="button"
            data-testid="remove-mirror"
            aria-label={`Remove ${farm.name}…`}
            disabled={lock.locked}
            title={lock.title}
            onClick={() => setDialog('remove')}
          >
            Remove…
          </button>
        </div>
        {!admin && (
          <p className="read-only-note" data-testid="read-only-note">
            {primaryName} has no admin credential in the fleet config, so choosing projects or removing this mirror asks for an admin user name and password,
            used for that one action and never stored.
          </p>
        )}
        <LagChart farmId={farm.id} polledAt={farm.lastPollAt} />
      </div>
      {dialog === 'projects' && (
        <ProjectDialog
          farm={farm}
          primary={{ name: primaryName, adminCredential: admin }}
          onClose={(done) => {
            setDialog(null);
            if (done) onDone(done);
          }}
        />
      )}
      {dialog === 'remove' && (
        <RemoveDialog
          farm={farm}
          primary={{ name: primaryName, adminCredential: admin }}
          onClose={(done) => {
            setDialog(null);
            if (done) onDone(done);
          }}
        />
      )}
    </article>
  );
});

/** Which projects the mirror synchronizes, by key once the primary's projects are known. */
const ProjectLine = ({ farm }: { farm: MirrorFarm }) => {
  const selection = farm.projectSelection;
  const { data: projects, loading } = usePrimaryProjects(farm.primaryId, selection?.mode === 'SELECTED_PROJECTS' && selection.projectIds.length > 0);
  let text: string;
  if (selection === null) text = 'unknown (the sync settings could not be read)';
  else if (selection.mode === 'ALL_PROJECTS') text = 'all projects';
  else if (selection.projectIds.length === 0) text = 'no project yet — choose the projects it should synchronize';
  else {
    const keyOf = new Map((projects ?? []).map((p) => [p.id, p.key]));
    text = selection.projectIds.map((pid) => keyOf.get(pid) ?? `#${pid}`).join(', ');
    // Ids stand in for keys only until the primary's project list answers: say that it is on its way.
    if (loading) text = `${selection.projectIds.length} projects (loading their names…)`;
  }
  return (
    <p
      className="farm-card__projects"
      data-testid="farm-projects"
      data-mode={selection?.mode ?? 'unknown'}
      data-project-ids={selection?.projectIds.join(',') ?? ''}
    >
      <span className="muted">Synchronizes:</span> {text}
    </p>
  );
};

/** Removing a mirror from its primary, behind a confirmation that names it and says who loses it. */
const RemoveDialog = ({
  farm,
  primary,
  onClose,
}: {
  farm: MirrorFarm;
  primary: { name: string; adminCredential: boolean };
  onClose(done: string | null): void;
}) => {
  const bridge = useBridge();
  const confirmed = useConfirmedAction<ActionResult>();
  const primaryName = primary.name;
  return confirmed.render(
    {
      title: `Remove mirror ${farm.name}?`,
      confirmLabel: 'Remove mirror',
      danger: true,
      asAdminOf: primary,
      run: (extra) => bridge.removeMirror({ primaryId: farm.primaryId, mirrorId: farm.mirrorId, ...extra }),
      onDone: () => onClose(`Mirror ${farm.name} removed from ${primaryName}.`),
      body: (
        <>
          <p>
            <strong>{farm.name}</strong> ({farm.baseUrl}) is removed from <strong>{primaryName}</strong>: its access is revoked and it stops receiving changes.
          </p>
          <p>
            Its users lose it: clones and fetches from it stop working, and they must switch to {primaryName} or another mirror. To bring it back, its
            administrator has to ask for authorization again, and it synchronizes from scratch.
          </p>
          <p className="muted small">Runs once with the admin credential of {primaryName} and is recorded in the audit log.</p>
        </>
      ),
    },
    () => onClose(null),
  );
};

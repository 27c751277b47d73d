import { useEffect, useMemo, useState } from 'react';
import type { FoundRepositoryDetail, ProbeReport, Snapshot } from '../../../shared/model';
import { viewRoute } from '../../../shared/logic/route';
import { useBridge } from '../../bridge/bridge-context';
import { RouteLink } from '../../routing/route-link';
import { useRouteStore } from '../../routing/route-store';
import { useFleetStore } from '../../state/fleet.store';
import { QueryStatus } from '../../components/query-status';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { takePendingRepoAction } from '../search/palette-store';
import { CloneDoctor } from './clone-doctor';
import { CacheSection, PrimarySection, ReadAt, StorageSection } from './repository-sections';
import { MirrorsSection, withLiveMirrors } from './repository-mirrors';
import { useMirrorStatus } from './use-mirror-status';
import { RepositoryHistory } from './repository-history';
import { SlowSummary } from './slow-summary';
import { useRepository } from './use-repository';
import { useCloneEvidence } from './use-clone-evidence';
import { LogFiguresSection } from './log-figures';

const NO_PROBES: readonly ProbeReport[] = [];

const NotFound = ({ projectKey, repoSlug, searched, snapshot }: { projectKey: string; repoSlug: string; searched: string[]; snapshot: Snapshot }) => {
  const names = searched.map((id) => snapshot.primaries.find((p) => p.id === id)?.name ?? id);
  const noInventory = snapshot.primaries.filter((p) => searched.includes(p.id) && p.inventoryAt === null);
  return (
    <div className="empty-state repo-not-found" data-testid="repo-not-found">
      <h2>
        {projectKey}/{repoSlug} is not found on any primary
      </h2>
      <p>
        Searched the repository inventory of {names.length === 0 ? 'no primary (none is configured)' : names.join(', ')}. Check the project key and slug (the
        part of the clone URL after <code>/scm/</code>), or press <kbd>Ctrl K</kbd> and search by name.
      </p>
      {noInventory.length > 0 && (
        <p className="muted">The inventory of {noInventory.map((p) => p.name).join(', ')} has not been read yet: try again after its next poll.</p>
      )}
      <RouteLink route={viewRoute('overview')}>Back to the Overview</RouteLink>
    </div>
  );
};

const Found = ({ detail, snapshot }: { detail: FoundRepositoryDetail; snapshot: Snapshot }) => {
  const bridge = useBridge();
  const { ask, dialog, lastDone } = useConfirmedAction();
  const [probed, setProbed] = useState(0);
  const evidence = useCloneEvidence(detail, String(probed));
  const mirrorStatus = useMirrorStatus(detail.primaryId, detail.repo.projectKey, detail.repo.slug, detail.mirrors.length > 0);
  const current = useMemo(() => withLiveMirrors(detail, mirrorStatus.data), [detail, mirrorStatus.data]);
  const primary = snapshot.primaries.find((p) => p.id === detail.primaryId);
  const full = `${detail.repo.projectKey}/${detail.repo.slug}`;
  const clear = (): void =>
    ask({
      title: `Clear the SCM caches of ${full}?`,
      body: (
        <p>
          Drops every cache of {full} on {primary?.name ?? detail.primaryId}: its next clones and fetches miss and are served by git until the caches fill
          again. The clear is audited.
        </p>
      ),
      confirmLabel: 'Clear caches',
      danger: true,
      done: `The caches of ${full} were cleared.`,
      ...(primary ? { asAdminOf: primary } : {}),
      run: (extra) => bridge.clearCache({ primaryId: detail.primaryId, projectKey: detail.repo.projectKey, repoSlug: detail.repo.slug, ...extra }),
    });
  // "Clear cache of …" from the palette lands here and asks at once.
  useEffect(() => {
    const pending = takePendingRepoAction('clear-repo-cache');
    if (pending && pending.projectKey === detail.repo.projectKey && pending.repoSlug === detail.repo.slug) clear();
    // Only on arrival: the palette's request is taken once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!primary) return null;
  return (
    <>
      {lastDone && (
        <p className="mirror-done" role="status" data-testid="repo-action-done">
          {lastDone.text} (audit {lastDone.auditId})
        </p>
      )}
      <SlowSummary detail={current} snapshot={snapshot} probes={evidence.probes.data?.reports ?? NO_PROBES} logs={evidence.logs.data?.figures ?? null} />
      <div className="repo-grid">
        <PrimarySection detail={detail} primary={primary} />
        <CacheSection detail={detail} primary={primary} onClear={clear} />
      </div>
      <CloneDoctor detail={detail} primaryName={primary.name} history={evidence.probes} onProbed={() => setProbed((n) => n + 1)} />
      <LogFiguresSection query={evidence.logs} full={full} />
      <MirrorsSection detail={detail} snapshot={snapshot} status={mirrorStatus} />
      <StorageSection detail={detail} snapshot={snapshot} />
      <RepositoryHistory primaryId={primary.id} projectKey={detail.repo.projectKey} repoSlug={detail.repo.slug} pollKey={String(detail.readAt)} />
      {dialog}
    </>
  );
};

/** One repository, everything Fleetscope knows about it, each part linking to its area. */
export const RepositoryPage = () => {
  const route = useRouteStore((s) => s.route);
  const snapshot = useFleetStore((s) => s.snapshot);
  const projectKey = route.repo?.projectKey ?? '';
  const repoSlug = route.repo?.repoSlug ?? '';
  const read = useRepository(projectKey, repoSlug, route.params.primary);
  const detail = read.data;
  if (!snapshot || !route.repo) return null;
  return (
    <div className="repo-page" data-testid="repo-page" data-repo={`${projectKey}/${repoSlug}`}>
      <header className="repo-page__header">
        <h1 className="repo-page__title">
          <span className="muted">Repository</span> {projectKey}/{repoSlug}
        </h1>
        {detail?.found && <span className="muted">{detail.repo.name}</span>}
        <span className="app-header__spacer" />
        {detail && <ReadAt at={detail.readAt} />}
      </header>
      <QueryStatus query={read} loadingText={`Reading ${projectKey}/${repoSlug} across the fleet…`} />
      {detail && !detail.found && <NotFound projectKey={projectKey} repoSlug={repoSlug} searched={detail.primariesSearched} snapshot={snapshot} />}
      {detail?.found && <Found detail={detail} snapshot={snapshot} />}
    </div>
  );
};

import type { FoundRepositoryDetail, MirrorFarm, RepositoryMirrorRow, RepositoryMirrorStatus, Snapshot } from '../../../shared/model';
import { viewRoute } from '../../../shared/logic/route';
import type { BridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status';
import { RouteLink } from '../../routing/route-link';
import { formatLag } from '../mirrors/farm-parts';
import { num, ReadAt } from './repository-sections';

type Mirror = FoundRepositoryDetail['mirrors'][number];
type LiveFarm = RepositoryMirrorStatus['farms'][number];

/** The repository with each farm's row as its nodes answered now, once they did (for what reads the rows, like the slow-clone summary). */
export function withLiveMirrors(detail: FoundRepositoryDetail, status: RepositoryMirrorStatus | null): FoundRepositoryDetail {
  if (!status) return detail;
  return {
    ...detail,
    mirrors: detail.mirrors.map((m) => {
      const row = status.farms.find((f) => f.farmId === m.farmId)?.row;
      return row ? { ...m, row } : m;
    }),
  };
}

const selectionText = (farm: MirrorFarm, mirror: Mirror): string =>
  mirror.selected === null
    ? 'unknown'
    : mirror.selected
      ? farm.projectSelection?.mode === 'ALL_PROJECTS'
        ? 'all projects'
        : 'includes this project'
      : 'excludes this project';

const NodeTable = ({ row }: { row: RepositoryMirrorRow }) => (
  <div className="repo-table-scroll">
    <table className="table" data-testid="repo-farm-nodes">
      <thead>
        <tr>
          <th>Node</th>
          <th>Sync state</th>
          <th>Last sync</th>
          <th className="num">Failed syncs</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {row.nodes.map((n) => (
          <tr key={n.name} data-testid="repo-farm-node" data-state={n.state}>
            <td>{n.name}</td>
            <td>
              <span className={`sync-state sync-state--${n.state.toLowerCase()}`}>{n.state}</span>
            </td>
            <td>
              <RelativeTime at={n.lastSyncAt} />
            </td>
            <td className="num">{num(n.failedSyncCount)}</td>
            <td className="small">{n.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/**
 * One farm: its nodes' state of the repository as read now when that answer is in, else as of the
 * last mirror sweep (said so, with the sweep's time), so the page is never empty while it asks.
 */
const FarmBlock = ({ farm, mirror, live, readAt }: { farm: MirrorFarm; mirror: Mirror; live: LiveFarm | null; readAt: number | null }) => {
  const row = live?.row ?? mirror.row;
  // The sweep's "does not list it" is stale once the nodes answered; what the farm itself says still holds.
  const farmGap = farm.enabled === false || (farm.upstreamState !== null && farm.upstreamState !== 'INSTALLED') || mirror.selected === false;
  const reason = mirror.notMirroredReason && (!live?.row || live.row.state === 'NOT_MIRRORED' || farmGap) ? mirror.notMirroredReason : null;
  return (
    <div className="repo-farm" data-testid="repo-farm" data-farm-id={farm.id} data-source={live?.row ? 'live' : 'sweep'}>
      <h3 className="repo-farm__title">
        <RouteLink route={viewRoute('mirrors', { farm: farm.id })}>{farm.name}</RouteLink> <StatusBadge status={farm.status} />{' '}
        <span className="muted small">
          lag {formatLag(farm.lagSeconds)} · selection {selectionText(farm, mirror)}
        </span>
        {live?.row ? <ReadAt at={readAt} what="nodes read" /> : <ReadAt at={farm.detailSweep?.sweptAt ?? null} what="from the mirror sweep of" />}
      </h3>
      {live?.error && (
        <p className="inline-error" data-testid="repo-farm-error">
          {live.error}
        </p>
      )}
      {reason && (
        <p className="repo-farm__reason" data-testid="repo-not-mirrored">
          {reason}
        </p>
      )}
      {row && <NodeTable row={row} />}
    </div>
  );
};

export const MirrorsSection = ({
  detail,
  snapshot,
  status,
}: {
  detail: FoundRepositoryDetail;
  snapshot: Snapshot;
  status: BridgeQuery<RepositoryMirrorStatus>;
}) => {
  const farms = detail.mirrors.flatMap((m) => {
    const farm = snapshot.mirrorFarms.find((f) => f.id === m.farmId);
    return farm ? [{ farm, mirror: m }] : [];
  });
  const nodes = farms.reduce((n, f) => n + f.farm.nodes.length, 0);
  const live = status.data;
  return (
    <section className="panel repo-section" data-testid="repo-mirrors" aria-labelledby="repo-mirrors-title">
      <h2 id="repo-mirrors-title" className="section-title">
        Mirrors <span className="count">{farms.length}</span>
        {live && <ReadAt at={live.readAt} what="sync state read" />}
        <span className="app-header__spacer" />
        {farms.length > 0 && (
          <button type="button" className="button" data-testid="repo-mirrors-refresh" onClick={status.refresh}>
            Read again
          </button>
        )}
      </h2>
      {farms.length > 0 && (
        <QueryStatus
          query={status}
          loadingText={`Asking ${nodes} mirror node${nodes === 1 ? '' : 's'} for this repository's sync state; showing the last mirror sweep meanwhile…`}
        />
      )}
      {live?.upstreamError && (
        <p className="inline-error" data-testid="repo-mirrors-upstream-error">
          {live.upstreamError}
        </p>
      )}
      {farms.length === 0 ? (
        <p className="repo-farm__reason" data-testid="repo-no-farm">
          No mirror farm is registered with this repository's primary, so every clone of it goes to the primary. Register a mirror near the teams that clone it
          (Bitbucket → Administration → Mirrors); Fleetscope finds it on the next poll.
        </p>
      ) : (
        farms.map(({ farm, mirror }) => (
          <FarmBlock key={farm.id} farm={farm} mirror={mirror} live={live?.farms.find((f) => f.farmId === farm.id) ?? null} readAt={live?.readAt ?? null} />
        ))
      )}
    </section>
  );
};

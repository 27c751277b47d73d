import type { MirrorRepoRow, RepositoryMirrorStatus } from '../../../shared/model';
import { formatTimestamp } from '../../../shared/logic/units';
import { repoRoute } from '../../../shared/logic/route';
import { QueryStatus } from '../../components/query-status';
import { RouteLink } from '../../routing/route-link';
import { ReadAt } from '../repository/repository-sections';
import { useMirrorStatus } from '../repository/use-mirror-status';
import { StateTag } from './sync-states';
import { age, repoName } from './repo-names';

type Cell = MirrorRepoRow['nodes'][number] & { name: string };

/**
 * The nodes' answer merged over the sweep's row: state, reason, last sync and failures as the nodes
 * said them now; the first sync (which the on-demand read does not carry) from the sweep, by node name.
 */
export function liveCells(row: MirrorRepoRow, nodeNames: readonly string[], live: RepositoryMirrorStatus['farms'][number] | undefined): Cell[] {
  const swept = row.nodes.map((cell, i) => ({ ...cell, name: nodeNames[i] ?? `node ${i + 1}` }));
  if (!live?.row) return swept;
  return live.row.nodes.map((n) => ({
    name: n.name,
    state: n.state,
    reason: n.reason,
    lastSyncAt: n.lastSyncAt,
    failedSyncCount: n.failedSyncCount,
    initialSyncAt: swept.find((s) => s.name === n.name)?.initialSyncAt ?? null,
  }));
}

type Props = { row: MirrorRepoRow; farmId: string; primaryId: string; nodeNames: readonly string[]; now: number; sweptAt: number | null };

/**
 * Everything each node says about the row picked, and why it has the state it has: asked of the
 * farm's nodes when picked and after each poll (`getMirrorRepoStatus`, 1 + nodes small requests),
 * showing the sweep's row, said so, until they answer or when they cannot be asked.
 */
export const RepoDetail = ({ row, farmId, primaryId, nodeNames, now, sweptAt }: Props) => {
  const { projectKey, slug } = row;
  const askable = projectKey !== null && slug !== null;
  const status = useMirrorStatus(primaryId, projectKey ?? '', slug ?? '', askable);
  const live = status.data?.farms.find((f) => f.farmId === farmId);
  const cells = liveCells(row, nodeNames, live);
  const source = live?.row ? 'live' : 'sweep';
  return (
    <div className="mirror-repo-detail" data-testid="mirror-repo-detail" data-repo-id={row.repoId} data-source={source}>
      <h4>
        {repoName(row)} <span className="muted small">upstream id {row.repoId}</span>{' '}
        {askable && (
          <RouteLink route={repoRoute(projectKey, slug)} testId="mirror-repo-page-link" className="route-link small">
            Repository page →
          </RouteLink>
        )}{' '}
        {live?.row ? <ReadAt at={status.data?.readAt ?? null} what="nodes read" /> : <ReadAt at={sweptAt} what="from the mirror sweep of" />}{' '}
        {askable && (
          <button type="button" className="button button--small" data-testid="mirror-repo-detail-refresh" onClick={status.refresh}>
            Read again
          </button>
        )}
      </h4>
      {askable ? (
        <QueryStatus
          query={status}
          loadingText={`Asking the ${nodeNames.length} node${nodeNames.length === 1 ? '' : 's'} for this repository's sync state; showing the last mirror sweep meanwhile…`}
        />
      ) : (
        <p className="muted small" data-testid="mirror-repo-detail-unaskable">
          The primary has not told this repository's project and slug yet, so its nodes cannot be asked: showing the last mirror sweep.
        </p>
      )}
      {status.data?.upstreamError && (
        <p className="inline-error" data-testid="mirror-repo-detail-upstream-error">
          {status.data.upstreamError}
        </p>
      )}
      {live?.error && (
        <p className="inline-error" data-testid="mirror-repo-detail-error">
          {live.error}
        </p>
      )}
      <table className="node-table">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">State</th>
            <th scope="col">Why</th>
            <th scope="col">Last sync</th>
            <th scope="col">First sync</th>
            <th scope="col" className="num">
              Failed syncs
            </th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <tr key={cell.name} data-node-name={cell.name} data-state={cell.state}>
              <td>{cell.name}</td>
              <td>
                <StateTag state={cell.state} />
              </td>
              <td>{cell.reason}</td>
              <td title={cell.lastSyncAt === null ? undefined : formatTimestamp(cell.lastSyncAt)}>{age(cell.lastSyncAt, now)}</td>
              <td title={cell.initialSyncAt === null ? undefined : formatTimestamp(cell.initialSyncAt)}>{age(cell.initialSyncAt, now)}</td>
              <td className="num">{cell.failedSyncCount ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

import type { RepositoryLogFigures } from '../../../shared/model';
import { viewRoute } from '../../../shared/logic/route';
import { logSpanWords, slowCloneNodes } from '../../../shared/logic/slow-clone-evidence';
import { formatCount, formatOptionalDuration, formatRatio, formatTimestamp } from '../../../shared/logic/units';
import type { BridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import { RouteLink } from '../../routing/route-link';
import { hitRatio } from '../logs/log-format';

const Figures = ({ f }: { f: RepositoryLogFigures }) => {
  const slow = new Set(slowCloneNodes(f.clonesByNode).map((n) => n.node));
  const slowest = slowestNode(f.clonesByNode);
  return (
    <>
      <dl className="repo-facts" data-testid="repo-log-figures">
        <dt>Clones</dt>
        <dd data-testid="repo-log-clones">
          {formatCount(f.clones.count)} clones · p50 {formatOptionalDuration(f.clones.p50Ms)} · p95 {formatOptionalDuration(f.clones.p95Ms)} · max{' '}
          {formatOptionalDuration(f.clones.maxMs)}
        </dd>
        <dt>SCM cache</dt>
        <dd data-testid="repo-log-cache">
          {formatCount(f.cache.hit)} hits, {formatCount(f.cache.miss)} misses, {formatCount(f.cache.none)} not cached · hit ratio{' '}
          {formatRatio(hitRatio(f.cache))}
        </dd>
        <dt>Operations</dt>
        <dd>{formatCount(f.operations)} git operations of every kind</dd>
        <dt>Read from</dt>
        <dd data-testid="repo-log-source">
          {f.sources.join(', ')} · {logSpanWords(f.seen)} (the log's own clock) · analysed {formatTimestamp(f.analysedAt)}
        </dd>
      </dl>
      {f.clonesByNode.length > 0 && (
        <table className="table table--compact repo-logs-nodes" data-testid="repo-log-nodes">
          <caption className="small muted">This repository's clone times per node that served them{slowest ? ` · slowest: ${slowest}` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Clones</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">Max</th>
            </tr>
          </thead>
          <tbody>
            {f.clonesByNode.map((n) => (
              <tr key={n.node} className={slow.has(n.node) ? 'row--warning' : undefined} data-node={n.node}>
                <th scope="row">{n.node}</th>
                <td>{formatCount(n.durations.count)}</td>
                <td>{formatOptionalDuration(n.durations.p50Ms)}</td>
                <td>{formatOptionalDuration(n.durations.p95Ms)}</td>
                <td>{formatOptionalDuration(n.durations.maxMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
};

/** The node with the highest p95 for this repository, when more than one served it. */
function slowestNode(byNode: RepositoryLogFigures['clonesByNode']): string | null {
  const timed = byNode.filter((n) => n.durations.p95Ms !== null);
  if (timed.length < 2) return null;
  return timed.reduce((a, b) => (b.durations.p95Ms! > a.durations.p95Ms! ? b : a)).node;
}

/** The repository's clones in the most recent access-log analysis that saw it, with its source and range. */
export const LogFiguresSection = ({ query, full }: { query: BridgeQuery<{ figures: RepositoryLogFigures | null }>; full: string }) => {
  const figures = query.data?.figures ?? null;
  return (
    <section className="panel repo-section" data-testid="repo-logs" aria-labelledby="repo-logs-title">
      <h2 id="repo-logs-title" className="section-title">
        Clones in the access logs
        <span className="app-header__spacer" />
        <RouteLink route={viewRoute('logs')} className="route-link small">
          Logs view →
        </RouteLink>
      </h2>
      <QueryStatus query={query} />
      {query.data && figures === null && (
        <p className="muted" data-testid="repo-logs-none">
          No access-log analysis run in this Fleetscope saw {full}. Open Bitbucket's <code>atlassian-bitbucket-access.log</code> (or a support zip) in the{' '}
          <RouteLink route={viewRoute('logs')}>Logs view</RouteLink>: its clone times and cache outcome then show here.
        </p>
      )}
      {figures && <Figures f={figures} />}
    </section>
  );
};

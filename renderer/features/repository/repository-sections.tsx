import type { FoundRepositoryDetail, Primary, Snapshot } from '../../../shared/model';
import { hitRatioOf } from '../../../shared/model';
import { viewRoute } from '../../../shared/logic/route';
import { formatTtl } from '../../../shared/logic/cache-units';
import { formatBytes, formatCount, formatRatio } from '../../../shared/logic/units';
import { formatTimestamp } from '../../../shared/logic/units';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status';
import { RouteLink } from '../../routing/route-link';
import { VerdictBadge } from '../storage/verdict-badge';

export const num = (n: number | null): string => (n === null ? '—' : formatCount(n));
const when = (at: number | null): string => (at === null ? '—' : formatTimestamp(at));

/** "Read 12 s ago" beside each section's title: every part says when it was read. */
export const ReadAt = ({ at, what = 'read' }: { at: number | null; what?: string }) => (
  <span className="read-at muted small">
    {what} <RelativeTime at={at} never="not yet" />
  </span>
);

export const PrimarySection = ({ detail, primary }: { detail: FoundRepositoryDetail; primary: Primary }) => {
  const { repo } = detail;
  const members = primary.nodes.filter((n) => n.clusterMember).length;
  return (
    <section className="panel repo-section" data-testid="repo-primary" aria-labelledby="repo-primary-title">
      <h2 id="repo-primary-title" className="section-title">
        Primary <ReadAt at={detail.inventoryAt} what="inventory read" />
      </h2>
      <dl className="repo-facts">
        <dt>Served by</dt>
        <dd>
          <RouteLink route={viewRoute('overview', { primary: primary.id })}>{primary.name}</RouteLink> <StatusBadge status={primary.status} />{' '}
          <span className="muted small">
            {primary.nodes.length} nodes, {members} in the cluster · Bitbucket {primary.version ?? 'version unknown'}
          </span>
        </dd>
        <dt>Project</dt>
        <dd>
          {repo.projectName} <span className="muted">({repo.projectKey})</span>
        </dd>
        <dt>Name</dt>
        <dd>{repo.name}</dd>
        <dt>State</dt>
        <dd data-testid="repo-state" data-state={repo.state}>
          {repo.archived ? 'ARCHIVED · ' : ''}
          {repo.state}
        </dd>
        <dt>Size</dt>
        <dd className="muted">not known: Bitbucket's repository list does not report sizes</dd>
        {detail.alsoOn.length > 0 && (
          <>
            <dt>Also on</dt>
            <dd>
              {detail.alsoOn.map((id) => (
                <RouteLink key={id} route={{ view: 'repo', repo: { projectKey: repo.projectKey, repoSlug: repo.slug }, params: { primary: id } }}>
                  {id}
                </RouteLink>
              ))}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
};

export const CacheSection = ({ detail, primary, onClear }: { detail: FoundRepositoryDetail; primary: Primary; onClear(): void }) => {
  const { cache } = detail;
  const repo = cache.repository;
  const config = primary.cache?.config;
  return (
    <section className="panel repo-section" data-testid="repo-cache" aria-labelledby="repo-cache-title">
      <h2 id="repo-cache-title" className="section-title">
        SCM cache <ReadAt at={cache.readAt} />
        <span className="app-header__spacer" />
        <button type="button" className="button button--danger" data-testid="repo-clear-cache" onClick={onClear} disabled={!primary.adminCredential}>
          Clear this repository's caches…
        </button>
      </h2>
      {!primary.adminCredential && <p className="muted small">Read-only: no admin credential is configured for {primary.name}, so caches cannot be cleared.</p>}
      {cache.error && (
        <p className="inline-error" data-testid="repo-cache-error">
          {cache.error}
        </p>
      )}
      {repo && (
        <>
          <dl className="repo-facts">
            <dt>Hits / misses</dt>
            <dd>
              {num(repo.hits)} / {num(repo.misses)} · hit ratio {formatRatio(repo.hitRatio ?? hitRatioOf(repo.hits, repo.misses))}{' '}
              <span className="muted small">(since the plugin's counters started)</span>
            </dd>
            <dt>Size on disk</dt>
            <dd>{formatBytes(repo.size)}</dd>
            <dt>Last access</dt>
            <dd>{when(repo.lastAccessed)}</dd>
            <dt>Last clear</dt>
            <dd data-testid="repo-last-clear">
              {cache.lastClear
                ? `${formatTimestamp(cache.lastClear.at)} by ${cache.lastClear.actor} (${cache.lastClear.scope === 'all' ? 'every cache of the primary' : 'this repository'})`
                : 'none in the audit log'}
            </dd>
            <dt>TTLs in force</dt>
            <dd>
              clones {formatTtl(config?.uploadPack.ttlSeconds ?? null)}
              {config?.uploadPack.enabled === false ? ' (switched off)' : ''} · ref advertisements {formatTtl(config?.refs.ttlSeconds ?? null)}
              {config?.refs.enabled === false ? ' (switched off)' : ''}
            </dd>
          </dl>
          {repo.entries.length === 0 ? (
            <p className="muted">No cache entries: nothing of this repository is cached now (expired, cleared, or never cloned since).</p>
          ) : (
            <div className="repo-table-scroll">
              <table className="table" data-testid="repo-cache-entries">
                <thead>
                  <tr>
                    <th>Cache</th>
                    <th>Protocol</th>
                    <th>Git protocol</th>
                    <th className="num">Size</th>
                    <th className="num">Hits</th>
                    <th className="num">Misses</th>
                    <th>Last access</th>
                    <th>Expires</th>
                  </tr>
                </thead>
                <tbody>
                  {repo.entries.map((e, i) => (
                    <tr key={i}>
                      <td>{e.kind === 'upload-pack' ? 'clone (upload-pack)' : e.kind === 'refs' ? 'ref advertisement' : '—'}</td>
                      <td>{e.protocol?.toUpperCase() ?? '—'}</td>
                      <td>{e.gitProtocolVersion === null ? '—' : `v${e.gitProtocolVersion}`}</td>
                      <td className="num">{formatBytes(e.size)}</td>
                      <td className="num">{num(e.hits)}</td>
                      <td className="num">{num(e.misses)}</td>
                      <td>{when(e.lastAccessed)}</td>
                      <td>{when(e.expiresAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <RouteLink route={viewRoute('caches', { primary: primary.id, q: `${detail.repo.projectKey}/${detail.repo.slug}` })} className="route-link small">
        Open in Caches →
      </RouteLink>
    </section>
  );
};

export const StorageSection = ({ detail, snapshot }: { detail: FoundRepositoryDetail; snapshot: Snapshot }) => {
  const rows = detail.storage.flatMap((s) => {
    const source = snapshot.storage.find((x) => x.id === s.sourceId);
    if (!source) return [];
    return source.volumes.filter((v) => s.volume === null || v.name === s.volume).map((volume) => ({ source, role: s.role, volume }));
  });
  return (
    <section className="panel repo-section" data-testid="repo-storage" aria-labelledby="repo-storage-title">
      <h2 id="repo-storage-title" className="section-title">
        Storage
      </h2>
      {detail.storage.length === 0 ? (
        <p className="muted" data-testid="repo-no-storage">
          No storage source names this primary in its <code>serves</code> list, so Fleetscope does not know which volume holds its shared home. Add{' '}
          <code>
            serves: [{'{'} primaryId: {detail.primaryId}, role: shared-home, volume: NAME {'}'}]
          </code>{' '}
          to the storage source in the fleet config (see docs/storage.md).
        </p>
      ) : (
        <ul className="repo-volumes">
          {rows.map(({ source, role, volume }) => {
            const open = volume.findings.filter((f) => f.state !== 'clearing');
            return (
              <li key={`${source.id}:${volume.name}:${role}`} data-testid="repo-volume" data-verdict={volume.verdict}>
                <RouteLink route={viewRoute('storage', { source: source.id, volume: volume.name })}>{volume.name}</RouteLink>{' '}
                <span className="muted small">
                  {role === 'shared-home' ? 'shared home' : 'artifacts'} · {source.name}
                </span>{' '}
                <VerdictBadge verdict={volume.verdict} /> <span className="small">{volume.verdictReason}</span> <ReadAt at={source.lastPollAt} what="polled" />
                {open.length > 0 && (
                  <ul className="repo-volumes__findings">
                    {open.map((f) => (
                      <li key={f.id} className={`severity-text--${f.severity}`}>
                        {f.title}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
};

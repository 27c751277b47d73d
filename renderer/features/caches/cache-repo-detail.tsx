import { useState, type FormEvent } from 'react';
import { formatBytes, formatCount, formatRatio, formatTimestamp } from '../../../shared/logic/units';
import { repoRoute } from '../../../shared/logic/route';
import { hitRatioOf, type Primary } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { readErrorMessage, useBridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import { RouteLink } from '../../routing/route-link';
import type { CacheRow } from './repo-rows';
import { useActionLock } from '../../components/use-action-lock';

const count = (n: number | null): string => (n === null ? '—' : formatCount(n));
const time = (t: number | null): string => formatTimestamp(t);
const KEY_PART = /^[~\w.-]+$/;

type DetailProps = {
  primary: Primary;
  repoKey: string;
  row: CacheRow | null;
  /** Read again after each cache poll (not on table changes: a lookup itself changes the table). */
  polledAt: number | null;
  onClose(): void;
  onClear(row: CacheRow): void;
};

/**
 * One repository's caches, read from Bitbucket when opened and after each change of the table:
 * one entry per kind, hosting protocol and git protocol version, with what the plugin reports raw.
 */
export const CacheRepoDetail = ({ primary, repoKey, row, polledAt, onClose, onClear }: DetailProps) => {
  const lock = useActionLock();
  const slash = repoKey.indexOf('/');
  const projectKey = repoKey.slice(0, slash);
  const repoSlug = repoKey.slice(slash + 1);
  const detail = useBridgeQuery({
    key: ['getCacheRepository', primary.id, projectKey, repoSlug],
    refreshOn: [polledAt],
    what: `the caches of ${projectKey}/${repoSlug}`,
    read: (bridge) => bridge.getCacheRepository({ primaryId: primary.id, projectKey, repoSlug }),
  });
  const repo = detail.data;
  const clearRow: CacheRow = row ?? {
    key: repoKey,
    projectKey,
    repoSlug,
    size: repo?.size ?? null,
    hits: repo?.hits ?? null,
    misses: repo?.misses ?? null,
    hitRatio: repo?.hitRatio ?? null,
    lastAccessed: repo?.lastAccessed ?? null,
    entries: repo?.entries.length ?? 0,
  };
  return (
    <div className="cache-repo-detail" data-testid="cache-repo-detail" data-repo={repoKey} data-hits={repo?.hits ?? ''} data-size={repo?.size ?? ''}>
      <div className="cache-repo-detail__head">
        <h4 className="mono">
          {repoKey}{' '}
          {repoKey.includes('/') && (
            <RouteLink
              route={repoRoute(repoKey.split('/')[0] ?? '', repoKey.split('/')[1] ?? '', primary.id)}
              testId="cache-repo-page-link"
              className="route-link small"
            >
              Repository page →
            </RouteLink>
          )}
        </h4>
        {repo && (
          <span className="muted small">
            {formatBytes(repo.size)} · {count(repo.hits)} hits · {count(repo.misses)} misses · hit ratio since counters reset {formatRatio(repo.hitRatio)} ·
            read {time(repo.fetchedAt)}
          </span>
        )}
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="button button--small"
          data-testid="cache-detail-clear"
          disabled={lock.locked}
          title={lock.title}
          aria-label={`Clear caches of ${repoKey}…`}
          onClick={() => onClear(clearRow)}
        >
          Clear…
        </button>
        <button type="button" className="button button--small" aria-label={`Close the caches of ${repoKey}`} onClick={onClose}>
          Close
        </button>
      </div>
      <QueryStatus query={detail} />
      {repo && repo.entries.length === 0 && (
        <p className="muted small">No caches right now: the next clone or fetch of this repository misses and fills one.</p>
      )}
      {repo && repo.entries.length > 0 && (
        <table className="table cache-repo-detail__entries">
          <thead>
            <tr>
              <th scope="col">Cache</th>
              <th scope="col">Protocol</th>
              <th scope="col">Git protocol</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col" className="num">
                Hits
              </th>
              <th scope="col" className="num">
                Misses
              </th>
              <th scope="col" className="num">
                Hit ratio since reset
              </th>
              <th scope="col">Last access</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {repo.entries.map((e, i) => (
              <tr key={i} data-testid="cache-entry">
                <td>{e.kind === null ? 'unknown' : e.kind === 'refs' ? 'ref advertisement' : 'clone'}</td>
                <td>{e.protocol?.toUpperCase() ?? 'unknown'}</td>
                <td>{e.gitProtocolVersion === null ? 'unknown' : `v${e.gitProtocolVersion}`}</td>
                <td className="num">{formatBytes(e.size)}</td>
                <td className="num">{count(e.hits)}</td>
                <td className="num">{count(e.misses)}</td>
                <td className="num">{formatRatio(hitRatioOf(e.hits, e.misses))}</td>
                <td className="nowrap">{time(e.lastAccessed)}</td>
                <td className="nowrap">{time(e.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {repo && repo.raw.length > 0 && (
        <dl className="cache-raw-fields" data-testid="cache-repo-raw">
          {repo.raw.map((r) => (
            <div key={r.key}>
              <dt className="mono">{r.key}</dt>
              <dd className="mono">{r.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
};

/** Looks one repository up where the statistics do not list them. */
export const RepoLookup = ({ primaryId, onFound }: { primaryId: string; onFound(key: string): void }) => {
  const bridge = useBridge();
  const [projectKey, setProjectKey] = useState('');
  const [repoSlug, setRepoSlug] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const valid = KEY_PART.test(projectKey.trim()) && KEY_PART.test(repoSlug.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid || busy !== null) return;
    const key = projectKey.trim();
    const slug = repoSlug.trim();
    setBusy(`${key}/${slug}`);
    setError(null);
    bridge
      .getCacheRepository({ primaryId, projectKey: key, repoSlug: slug })
      .then(
        (r) => onFound(`${r.projectKey}/${r.repoSlug}`),
        (err: unknown) => setError(readErrorMessage(`the caches of ${key}/${slug}`, err)),
      )
      .finally(() => setBusy(null));
  };
  return (
    <form className="toolbar cache-lookup" data-testid="cache-repo-lookup" onSubmit={submit}>
      <input
        className="input cache-lookup__key"
        placeholder="PROJECT"
        aria-label="Project key"
        data-testid="lookup-project"
        value={projectKey}
        onChange={(e) => setProjectKey(e.target.value)}
      />
      <span aria-hidden="true">/</span>
      <input
        className="input"
        placeholder="repository-slug"
        aria-label="Repository slug"
        data-testid="lookup-slug"
        value={repoSlug}
        onChange={(e) => setRepoSlug(e.target.value)}
      />
      <button type="submit" className="button" data-testid="lookup-submit" disabled={!valid || busy !== null}>
        Look up
      </button>
      {busy !== null && (
        <span className="muted small query-loading" role="status">
          Looking up the caches of {busy}…
        </span>
      )}
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
};

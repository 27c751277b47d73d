import { useMemo } from 'react';
import type { FoundRepositoryDetail, ProbeReport, RepositoryLogFigures, Snapshot } from '../../../shared/model';
import { explainSlowClone, type SlowCloneInput } from '../../../shared/logic/slow-clone-rules';
import { RouteLink } from '../../routing/route-link';
import { useNow } from '../../state/clock';

/** Joins the engine's answer with the snapshot into what the rules read. */
export function slowCloneInput(
  detail: FoundRepositoryDetail,
  snapshot: Snapshot,
  now: number,
  evidence: Pick<SlowCloneInput, 'probes' | 'logs'> = {},
): SlowCloneInput | null {
  const primary = snapshot.primaries.find((p) => p.id === detail.primaryId);
  if (!primary) return null;
  const guard = snapshot.alerts.find((a) => a.id === `${primary.id}:cache-disk-guard`);
  return {
    ...evidence,
    now,
    repo: detail.repo,
    primary,
    cacheRepo: detail.cache.repository,
    diskGuardSince: guard?.since ?? null,
    mirrors: detail.mirrors.flatMap((m) => {
      const farm = snapshot.mirrorFarms.find((f) => f.id === m.farmId);
      return farm ? [{ farm, mirror: m }] : [];
    }),
    volumes: detail.storage.flatMap((s) => {
      const source = snapshot.storage.find((x) => x.id === s.sourceId);
      if (!source) return [];
      return source.volumes
        .filter((v) => s.volume === null || v.name === s.volume)
        .map((volume) => ({ sourceId: source.id, sourceName: source.name, role: s.role, volume }));
    }),
  };
}

/** "What could make this slow": every rule's finding with its evidence, most likely impact first. */
export const SlowSummary = ({
  detail,
  snapshot,
  probes,
  logs,
}: {
  detail: FoundRepositoryDetail;
  snapshot: Snapshot;
  /** The repository's last probes, newest first, and its figures in the access logs: the measured evidence. */
  probes: readonly ProbeReport[];
  logs: RepositoryLogFigures | null;
}) => {
  // Minutes are enough here: re-evaluating once a second would only move "for 14 min" to "for 15 min".
  const now = Math.floor(useNow() / 60_000) * 60_000;
  const findings = useMemo(() => {
    const input = slowCloneInput(detail, snapshot, Math.max(now, detail.readAt), { probes, logs });
    return input ? explainSlowClone(input) : [];
  }, [detail, snapshot, now, probes, logs]);
  return (
    <section className="panel repo-slow" aria-labelledby="repo-slow-title" data-testid="repo-slow">
      <h2 id="repo-slow-title" className="section-title">
        What could make this slow <span className="count">{findings.length}</span>
      </h2>
      {findings.length === 0 ? (
        <p className="muted" data-testid="repo-slow-none">
          Nothing Fleetscope watches points at a slow clone of this repository: the primary, its cache, the mirrors that carry it and the storage under it look
          healthy. If clones are still slow, the network between the client and the server is the next suspect (try <code>fleetscope probe</code>).
        </p>
      ) : (
        <ol className="repo-slow__list">
          {findings.map((f, i) => (
            <li key={`${f.rule}:${i}`} className={`repo-slow__item repo-slow__item--${f.severity}`} data-testid="repo-slow-finding" data-rule={f.rule}>
              <span className={`severity severity--${f.severity}`}>{f.severity}</span>
              <span className="repo-slow__text">{f.text}</span>
              <RouteLink route={f.link} className="route-link small">
                Evidence →
              </RouteLink>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};

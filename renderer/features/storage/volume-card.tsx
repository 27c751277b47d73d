import { useRouteTarget } from '../../routing/use-route-target';
import { memo, useCallback } from 'react';
import type { Volume } from '../../../shared/model';
import { StatusBadge } from '../../components/status';
import { RelativeTime } from '../../components/relative-time';
import { useFleetStore, type FleetState } from '../../state/fleet.store';
import { BrickGrid } from './brick-grid';
import { FindingsList } from './findings-list';
import { formatBytes } from '../../../shared/logic/units';
import { HealChart } from './heal-chart';
import { SplitBrainList } from './split-brain-list';
import { selectVolume } from './storage-selectors';
import { VerdictBadge } from './verdict-badge';

const QUORUM_STATE = { met: 'met', lost: 'LOST', unknown: 'unknown', 'not-applicable': 'not applicable' } as const;

const QuorumFacts = ({ v }: { v: Volume }) => (
  <dl className="facts storage-facts" data-testid="volume-quorum">
    <div>
      <dt>Client quorum</dt>
      <dd>
        {v.quorum.clientType ?? 'n/a'}
        {v.quorum.clientType === 'fixed' && ` (${v.quorum.clientCount ?? 'count unset'})`}
        {v.quorum.clientTypeDefault && v.quorum.clientType !== null && <span className="muted small"> default</span>}
      </dd>
    </div>
    <div>
      <dt>Server quorum</dt>
      <dd>
        {v.quorum.serverType ?? 'unknown'}
        {v.quorum.serverType === 'server' && ` · ${v.quorum.serverRatio === null ? '>50 %' : `${v.quorum.serverRatio} %`} · ${QUORUM_STATE[v.quorum.server]}`}
      </dd>
    </div>
    <div>
      <dt>Self-heal daemon</dt>
      <dd>{v.options.selfHealDaemon === null ? 'unknown' : v.options.selfHealDaemon ? 'on' : 'OFF'}</dd>
    </div>
    <div>
      <dt>Heal timeout</dt>
      <dd className="num">{v.options.healTimeoutSeconds === null ? '—' : `${v.options.healTimeoutSeconds} s`}</dd>
    </div>
    <div>
      <dt>min-free-disk / reserve</dt>
      <dd className="num">
        {v.options.minFreeDiskPercent ?? '—'} % / {v.options.storageReservePercent ?? '—'} %
      </dd>
    </div>
  </dl>
);

const HealSummary = ({ v }: { v: Volume }) => {
  const h = v.heal;
  if (!h.applicable) return <p className="muted small">No replication: nothing to heal.</p>;
  return (
    <dl className="facts storage-facts" data-testid="volume-heal" data-pending={h.pending ?? ''} data-split-brain={h.splitBrain ?? ''}>
      <div>
        <dt>Waiting to heal</dt>
        <dd className="num">{h.pending ?? '—'}</dd>
      </div>
      <div>
        <dt>Split-brain</dt>
        <dd className={`num${(h.splitBrain ?? 0) > 0 ? ' text-down' : ''}`}>{h.splitBrain ?? '—'}</dd>
      </div>
      <div>
        <dt>Possibly healing</dt>
        <dd className="num">{h.possiblyHealing ?? '—'}</dd>
      </div>
      <div>
        <dt>Trend</dt>
        <dd>{h.trend}</dd>
      </div>
      <div>
        <dt>Heal info read</dt>
        <dd>
          <RelativeTime at={h.at} never="not yet" />
        </dd>
      </div>
    </dl>
  );
};

/** One volume: its verdict and why, findings, replica sets and bricks, heal, quorum, quota, tasks. */
export const VolumeCard = memo(function VolumeCard({ storageId, name }: { storageId: string; name: string }) {
  const v = useFleetStore(useCallback((s: FleetState) => selectVolume(storageId, name)(s), [storageId, name]));
  const { selected, ref } = useRouteTarget<HTMLElement>((r) => r.view === 'storage' && r.params.source === storageId && r.params.volume === name);
  if (!v) return null;
  const headingId = `volume-${storageId}-${name}`;
  return (
    <article
      ref={ref}
      className={`card volume-card volume-card--${v.verdict}${selected ? ' is-selected' : ''}`}
      data-selected={selected || undefined}
      data-testid="volume-card"
      data-volume={v.name}
      data-verdict={v.verdict}
      data-status={v.status}
      aria-labelledby={headingId}
    >
      <header className="card__header">
        <div className="card__title">
          <h3 id={headingId}>{v.name}</h3>
          <span className="muted small">
            {v.type} · {v.replicaSets.length} × {v.bricks.length / Math.max(1, v.replicaSets.length)}
            {v.arbiterCount > 0 && ` (arbiter)`} · {v.state}
          </span>
        </div>
        <span className="volume-card__badge" title="Availability: are the bricks serving (from volume status and quorum)">
          <span className="muted small">bricks</span>
          <StatusBadge status={v.status} testId="volume-status" />
        </span>
        <span className="volume-card__badge" title="Health: the worst finding that held for two polls">
          <span className="muted small">health</span>
          <VerdictBadge verdict={v.verdict} testId="volume-verdict" />
        </span>
      </header>
      <p className="card__status-message" data-testid="volume-verdict-reason">
        {v.verdictReason}
      </p>
      <FindingsList findings={v.findings} />
      <BrickGrid sets={v.replicaSets} bricks={v.bricks} />
      <div className="volume-card__columns">
        <section className="storage-block">
          <h4>Heal</h4>
          <HealSummary v={v} />
          {v.heal.error && <p className="inline-error">{v.heal.error}</p>}
          {v.heal.applicable && <HealChart storageId={storageId} volume={v.name} healAt={v.heal.at} />}
        </section>
        <section className="storage-block">
          <h4>Quorum and heal settings</h4>
          <QuorumFacts v={v} />
        </section>
      </div>
      <SplitBrainList volume={v.name} entries={v.heal.splitBrainEntries} truncated={v.heal.splitBrainEntriesTruncated} />
      {v.quota && v.quota.length > 0 && (
        <section className="storage-block" data-testid="volume-quota">
          <h4>Quota</h4>
          <table className="table table--compact">
            <thead>
              <tr>
                <th>Path</th>
                <th>Used</th>
                <th>Hard limit</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {v.quota.map((q) => (
                <tr key={q.path}>
                  <td className="mono">{q.path}</td>
                  <td className="num">{formatBytes(q.used)}</td>
                  <td className="num">{formatBytes(q.hardLimit)}</td>
                  <td>{q.hardExceeded ? 'hard limit reached' : q.softExceeded ? `over soft limit (${q.softLimitPercent ?? '?'} %)` : 'ok'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {v.tasks.length > 0 && (
        <p className="muted small" data-testid="volume-tasks">
          Tasks: {v.tasks.map((t) => `${t.type} ${t.statusStr}`).join(', ')}
        </p>
      )}
    </article>
  );
});

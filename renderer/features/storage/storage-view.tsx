import { memo, useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TargetError } from '../../../shared/model';
import { BYTE_UNITS_NOTE, formatOptionalDuration } from '../../../shared/logic/units';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status';
import { useFleetStore, type FleetState } from '../../state/fleet.store';
import { GeoRepTable, PeersTable } from './cluster-tables';
import { FindingsList } from './findings-list';
import { selectStorageIds, selectStorageSource } from './storage-selectors';
import { VolumeCard } from './volume-card';

const SourceError = ({ error }: { error: TargetError }) => (
  <div className="card__error" data-testid="storage-error" data-code={error.code} role="alert">
    <span className="error-code">{error.code}</span>
    <span>{error.message}</span>
  </div>
);

/** One GlusterFS cluster: how it was reached, its status, cluster findings, peers, geo-replication and volumes. */
const StorageSourceSection = memo(function StorageSourceSection({ id }: { id: string }) {
  const s = useFleetStore(useCallback((st: FleetState) => selectStorageSource(id)(st), [id]));
  if (!s) return null;
  const volumeNames = s.volumes.map((v) => v.name);
  return (
    <section
      className={`storage-source${s.stale ? ' is-stale' : ''}`}
      data-testid="storage-source"
      data-storage-id={s.id}
      data-status={s.status}
      aria-labelledby={`storage-${s.id}`}
    >
      <header className="storage-source__head panel">
        <div className="card__title">
          <h2 id={`storage-${s.id}`}>{s.name}</h2>
          <span className="muted small mono">
            {s.transport === 'ssh' ? 'SSH' : 'local CLI'}: {s.endpoint}
          </span>
        </div>
        {s.stale && (
          <span className="tag tag--stale" data-testid="storage-stale" title="The last poll failed; what is shown is from the last successful one.">
            Stale
          </span>
        )}
        <StatusBadge status={s.status} testId="storage-status" />
        <dl className="facts storage-facts">
          <div>
            <dt>Last poll</dt>
            <dd>
              <RelativeTime at={s.lastPollAt} />
            </dd>
          </div>
          <div>
            <dt>Poll took</dt>
            <dd className="num">
              {formatOptionalDuration(s.pollDurationMs)}
              {s.commandsLastPoll !== null && <span className="muted small"> · {s.commandsLastPoll} commands</span>}
            </dd>
          </div>
          <div>
            <dt>Heal info every</dt>
            <dd className="num">{s.healIntervalSeconds} s</dd>
          </div>
          <div>
            <dt>op-version</dt>
            <dd className="num">
              {s.opVersion ?? '—'}
              {s.maxOpVersion !== null && s.opVersion !== s.maxOpVersion && <span className="muted small"> (max {s.maxOpVersion})</span>}
            </dd>
          </div>
        </dl>
        {s.statusMessage && (
          <p className="card__status-message" data-testid="storage-status-message">
            {s.statusMessage}
          </p>
        )}
        {s.lastError && <SourceError error={s.lastError} />}
        <FindingsList findings={s.findings} testId="storage-cluster-findings" />
      </header>
      {volumeNames.length === 0 ? (
        <p className="muted">{s.lastPollAt === null ? 'Not polled yet…' : 'No volumes known for this cluster.'}</p>
      ) : (
        <div className="volume-list">
          {volumeNames.map((name) => (
            <VolumeCard key={name} storageId={s.id} name={name} />
          ))}
        </div>
      )}
      <div className="storage-source__cluster">
        <PeersTable peers={s.peers} />
        <GeoRepTable sessions={s.geoReplication} />
      </div>
    </section>
  );
});

/** The Storage view: every configured GlusterFS cluster and the health of its volumes. */
export const StorageView = () => {
  const ids = useFleetStore(useShallow(selectStorageIds));
  return (
    <div className="storage-view" data-testid="storage-view">
      {ids.length === 0 ? (
        <div className="empty-state" data-testid="storage-empty">
          <h3>No GlusterFS configured</h3>
          <p>
            Add a <code>storage:</code> entry to the fleet config — <code>gluster: {'{ ssh: { host, username, privateKeyFile, knownHostsFile } }'}</code> or{' '}
            <code>gluster: {'{ local: { command: gluster } }'}</code> — and restart Fleetscope.
          </p>
        </div>
      ) : (
        <>
          {ids.map((id) => (
            <StorageSourceSection key={id} id={id} />
          ))}
          <p className="muted small units-note">{BYTE_UNITS_NOTE}</p>
        </>
      )}
    </div>
  );
};

import type { GeoRepSession, Peer } from '../../../shared/model';
import { StatusDot } from '../../components/status';

/** The other servers of the trusted pool, as `peer status` reports them. */
export const PeersTable = ({ peers }: { peers: readonly Peer[] | null }) => (
  <section className="storage-block" data-testid="storage-peers">
    <h4>Peers</h4>
    {peers === null ? (
      <p className="muted small">Not read yet.</p>
    ) : peers.length === 0 ? (
      <p className="muted small">No other servers: a one-server pool.</p>
    ) : (
      <table className="table table--compact">
        <thead>
          <tr>
            <th>Host</th>
            <th>Connected</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {peers.map((p) => (
            <tr key={p.uuid} data-testid="storage-peer" data-host={p.hostname} data-connected={p.connected}>
              <td>
                <StatusDot status={p.connected ? 'up' : 'down'} label={p.connected ? 'Connected' : 'Disconnected'} /> {p.hostname}
              </td>
              <td>{p.connected ? 'yes' : 'no'}</td>
              <td>{p.stateStr}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

const pairTone = (status: string): 'up' | 'degraded' | 'down' | 'unknown' =>
  status === 'Active' || status === 'Passive' ? 'up' : status === 'Faulty' ? 'down' : status === 'Initializing...' ? 'unknown' : 'degraded';

/** Geo-replication sessions, one row per primary brick's worker. */
export const GeoRepTable = ({ sessions }: { sessions: readonly GeoRepSession[] | null }) => (
  <section className="storage-block" data-testid="storage-georep">
    <h4>Geo-replication</h4>
    {sessions === null ? (
      <p className="muted small">Not read yet, or could not be read.</p>
    ) : sessions.length === 0 ? (
      <p className="muted small">No geo-replication sessions.</p>
    ) : (
      sessions.map((s) => (
        <div key={`${s.primaryVolume}->${s.secondary}`} data-testid="georep-session" data-status={s.status}>
          <div className="muted small">
            <span className="mono">{s.primaryVolume}</span> → <span className="mono">{s.secondary}</span>: <strong>{s.status}</strong>
          </div>
          <table className="table table--compact">
            <thead>
              <tr>
                <th>Primary brick</th>
                <th>Status</th>
                <th>Crawl</th>
                <th>Last synced (UTC)</th>
                <th>Failures</th>
              </tr>
            </thead>
            <tbody>
              {s.pairs.map((p) => (
                <tr key={`${p.primaryNode}:${p.primaryBrick}`}>
                  <td className="mono">
                    {p.primaryNode}:{p.primaryBrick}
                  </td>
                  <td>
                    <StatusDot status={pairTone(p.status)} /> {p.status}
                  </td>
                  <td>{p.crawlStatus ?? '—'}</td>
                  <td className="num">{p.lastSynced ?? '—'}</td>
                  <td className="num">{p.failures ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))
    )}
  </section>
);

import { useEffect, useState } from 'react';
import type { FoundRepositoryDetail, ProbeEndpoint, ProbeReport } from '../../../shared/model';
import { MIN_GIT_VERSION, PROBE_PHASE_LABELS, PROBE_TRANSPORT_LABELS } from '../../../shared/model';
import { formatBytes, formatDuration, formatTimestamp } from '../../../shared/logic/units';
import { useBridge } from '../../bridge/bridge-context';
import type { BridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import { RelativeTime } from '../../components/relative-time';
import { useAction } from '../../components/use-action';
import { useActionLock } from '../../components/use-action-lock';
import { takePendingRepoAction } from '../search/palette-store';

const CAP_MB = 200;

type TransportChoice = ProbeReport['transport'];
const TRANSPORT_CHOICES: Record<TransportChoice, string> = { both: 'HTTP(S) and SSH', http: 'HTTP(S) only', ssh: 'SSH only' };

/** One endpoint's clone as a bar of its phases, each as wide as its share of the total. */
const PhasesBar = ({ e }: { e: ProbeEndpoint }) => {
  const clone = e.clone;
  if (!clone || clone.totalMs <= 0) return null;
  const shown = clone.phases.filter((p) => p.ms > 0);
  const text = shown.map((p) => `${PROBE_PHASE_LABELS[p.name]} ${formatDuration(p.ms)}`).join(', ');
  return (
    <div className="probe-bar" role="img" aria-label={`Phases of the clone from ${e.label}: ${text}`} data-testid="probe-phases">
      {shown.map((p) => (
        <span
          key={p.name}
          className={`probe-bar__part probe-bar__part--${p.name}`}
          style={{ flexGrow: p.ms / clone.totalMs }}
          title={`${PROBE_PHASE_LABELS[p.name]}: ${formatDuration(p.ms)}`}
          data-phase={p.name}
        />
      ))}
    </div>
  );
};

const Legend = () => (
  <ul className="probe-legend small muted" aria-label="Phases">
    {(['connect', 'refs', 'negotiation', 'transfer', 'other'] as const).map((name) => (
      <li key={name}>
        <span className={`probe-legend__swatch probe-bar__part--${name}`} aria-hidden="true" />
        {PROBE_PHASE_LABELS[name]}
      </li>
    ))}
  </ul>
);

const EndpointRow = ({ e }: { e: ProbeEndpoint }) => {
  const bad = e.error !== null || e.refsMatchPrimary === false;
  return (
    <li className={`probe-endpoint${bad ? ' probe-endpoint--bad' : ''}`} data-testid="probe-endpoint" data-kind={e.kind} data-transport={e.transport}>
      <p className="probe-endpoint__verdict">
        <span className="tag tag--transport" data-testid="probe-transport" title={`Cloned over ${PROBE_TRANSPORT_LABELS[e.transport]}`}>
          {PROBE_TRANSPORT_LABELS[e.transport]}
        </span>{' '}
        {e.verdict}
      </p>
      <PhasesBar e={e} />
      <p className="small muted probe-endpoint__facts">
        {e.clone && (
          <>
            {formatBytes(e.clone.packBytes)} of pack
            {e.clone.bytesPerSecond !== null && <> at {formatBytes(e.clone.bytesPerSecond)}/s</>} · {e.clone.shallow ? 'shallow' : 'full'} ·{' '}
          </>
        )}
        {e.lsRemoteMs !== null && <>ls-remote {formatDuration(e.lsRemoteMs)} · </>}
        {e.refs && (
          <>
            {e.refs.count} refs, HEAD {e.refs.head?.slice(0, 7) ?? 'none'} ·{' '}
          </>
        )}
        <code>{e.url}</code>
      </p>
    </li>
  );
};

const Report = ({ report, stored }: { report: ProbeReport; stored: boolean }) => (
  <div data-testid="probe-report" data-stored={stored}>
    {stored && (
      <h3 className="small" data-testid="probe-last-title">
        Last probe, {formatTimestamp(report.finishedAt)} (<RelativeTime at={report.finishedAt} />)
      </h3>
    )}
    <p className="small muted">
      {report.cancelled ? 'Cancelled. ' : ''}
      {report.full ? 'Full' : 'Shallow'} clones over {TRANSPORT_CHOICES[report.transport]}, protocol v{report.protocol}, each capped at{' '}
      {formatBytes(report.capBytes)}, git {report.gitVersion}, finished {formatTimestamp(report.finishedAt)}.
    </p>
    <Legend />
    <ul className="probe-endpoints">
      {report.endpoints.map((e) => (
        <EndpointRow key={e.url} e={e} />
      ))}
    </ul>
    {report.notes.map((n) => (
      <p key={n} className="small muted">
        {n}
      </p>
    ))}
  </div>
);

const isBad = (e: ProbeEndpoint): boolean => e.error !== null || e.refsMatchPrimary === false;

/** Earlier probes kept by the engine: when, how, and each endpoint's verdict. */
const EarlierProbes = ({ reports }: { reports: readonly ProbeReport[] }) =>
  reports.length === 0 ? null : (
    <>
      <h3 className="small">Earlier probes</h3>
      <ol className="last-probes" data-testid="probe-history">
        {reports.map((r) => {
          const bad = r.endpoints.filter(isBad).length;
          return (
            <li key={`${r.startedAt}:${r.finishedAt}`} data-testid="probe-history-item">
              <details>
                <summary>
                  {formatTimestamp(r.finishedAt)} · {r.full ? 'full' : 'shallow'}, v{r.protocol} · {r.endpoints.length} endpoints
                  {bad > 0 ? `, ${bad} with a problem` : ''}
                  {r.cancelled ? ' · cancelled' : ''}
                </summary>
                <ul className="last-probes__verdicts small">
                  {r.endpoints.map((e) => (
                    <li key={e.url} className={isBad(e) ? 'last-probes__verdict--bad' : undefined}>
                      {e.verdict}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          );
        })}
      </ol>
    </>
  );

const sameProbe = (a: ProbeReport, b: ProbeReport): boolean => a.startedAt === b.startedAt && a.finishedAt === b.finishedAt;

/**
 * The clone doctor on a repository's page: real `git` clones from this machine against every
 * endpoint that serves the repository, each with its phases and a verdict. Audited; disabled for viewers.
 */
export const CloneDoctor = ({
  detail,
  primaryName,
  history,
  onProbed,
}: {
  detail: FoundRepositoryDetail;
  primaryName: string;
  /** The last probes the engine kept, newest first: shown when no probe was run on this page. */
  history: BridgeQuery<{ reports: ProbeReport[] }>;
  /** A probe finished (its report is kept): the page reads its evidence again. */
  onProbed(): void;
}) => {
  const bridge = useBridge();
  const lock = useActionLock();
  const probe = useAction<{ report: ProbeReport }>();
  const [full, setFull] = useState(false);
  const [protocol, setProtocol] = useState<1 | 2>(2);
  const [transport, setTransport] = useState<TransportChoice>('both');
  const target = { primaryId: detail.primaryId, projectKey: detail.repo.projectKey, repoSlug: detail.repo.slug };
  const start = (): void => void probe.run(() => bridge.probeClone({ ...target, full, protocol, transport, capMB: CAP_MB }).finally(onProbed));
  const cancel = (): void => void bridge.cancelProbe(target).catch(() => undefined);
  const stored = history.data?.reports ?? [];
  const shown = probe.result?.report ?? stored[0] ?? null;
  const earlier = stored.filter((r) => shown === null || !sameProbe(r, shown));
  // "Probe clone of …" from the palette lands here and starts at once.
  useEffect(() => {
    if (takePendingRepoAction('probe-repo-clone') && !lock.locked) start();
    // Only on arrival: the palette's request is taken once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <section className="panel repo-section" data-testid="repo-clone-doctor" aria-labelledby="repo-clone-doctor-title">
      <h2 id="repo-clone-doctor-title" className="section-title">
        Clone doctor
      </h2>
      <p className="small muted">
        Clones {detail.repo.projectKey}/{detail.repo.slug} from this machine with git ({MIN_GIT_VERSION} or later) from {primaryName}, each of its nodes and
        every mirror that carries it — over HTTP(S), and over SSH where the config gives an SSH URL and key — and times each phase from git's own trace. Uses
        the primary's read credential (SSH: its configured key); audited.
      </p>
      <div className="probe-controls">
        <label>
          <input type="checkbox" checked={full} onChange={(ev) => setFull(ev.target.checked)} disabled={probe.pending} /> Full clone (cap {CAP_MB} MB; shallow
          otherwise)
        </label>
        <label>
          Protocol{' '}
          <select value={protocol} onChange={(ev) => setProtocol(ev.target.value === '1' ? 1 : 2)} disabled={probe.pending}>
            <option value="2">v2</option>
            <option value="1">v1</option>
          </select>
        </label>
        <label>
          Transport{' '}
          <select
            value={transport}
            onChange={(ev) => setTransport(ev.target.value as TransportChoice)}
            disabled={probe.pending}
            data-testid="probe-transport-choice"
          >
            {(Object.keys(TRANSPORT_CHOICES) as TransportChoice[]).map((t) => (
              <option key={t} value={t}>
                {TRANSPORT_CHOICES[t]}
              </option>
            ))}
          </select>
        </label>
        <span className="app-header__spacer" />
        {probe.pending ? (
          <button type="button" className="button" data-testid="probe-cancel" onClick={cancel}>
            Cancel probe
          </button>
        ) : (
          <button type="button" className="button button--primary" data-testid="probe-start" onClick={start} disabled={lock.locked} title={lock.title}>
            Start probe of {detail.repo.projectKey}/{detail.repo.slug}
          </button>
        )}
      </div>
      {lock.locked && <p className="small muted">{lock.title}</p>}
      {probe.pending && (
        <p role="status" className="muted" data-testid="probe-running">
          Probing every endpoint with git… real clones: this can take a minute.
        </p>
      )}
      {probe.error && (
        <p role="alert" className="inline-error" data-testid="probe-error">
          The probe could not run: {probe.error}
        </p>
      )}
      {!probe.pending && shown && <Report report={shown} stored={!probe.result} />}
      {history.data === null && <QueryStatus query={history} />}
      {history.data?.reports.length === 0 && !probe.result && !probe.pending && (
        <p className="small muted" data-testid="probe-never">
          Never probed from this Fleetscope: start a probe to see how a clone feels from each endpoint.
        </p>
      )}
      <EarlierProbes reports={earlier} />
    </section>
  );
};

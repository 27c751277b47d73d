import type { ReactNode } from 'react';
import { formatBytes, formatCount, formatDuration, formatTimestamp } from '../../../shared/logic/units';
import type { AccessLogReport } from '../../../shared/model/access-log';
import { ConcurrencyChart, OperationsChart } from './log-charts';
import { logTime } from './log-format';
import { LogSourceForm } from './log-source-form';
import { KindTable, NodeTable, ProtocolTable, SlowestTable, TopTable, UnparsableList } from './log-tables';
import { useLogAnalysis, type LogAnalysis } from './use-log-analysis';

const Progress = ({ job, onCancel }: { job: LogAnalysis; onCancel(): void }) => {
  const p = job.progress;
  const share = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 0;
  return (
    <div className="panel log-progress" role="status" data-testid="log-progress">
      <progress max={1} value={share} aria-label="Reading the logs" />
      <span className="small">
        Reading {p.source ? p.source.split(/[\\/]/).pop() : 'the logs'}: {formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)}, {formatCount(p.lines)} lines
      </span>
      <button type="button" className="button" onClick={onCancel} data-testid="log-cancel">
        Cancel
      </button>
    </div>
  );
};

const Summary = ({ report }: { report: AccessLogReport }) => {
  const l = report.lines;
  const c = report.concurrency;
  return (
    <p className="log-summary" data-testid="log-summary">
      {formatCount(report.operations.total)} git operations from {logTime(report.seen.first)} to {logTime(report.seen.last)} in {report.sources.length} log
      {report.sources.length === 1 ? '' : 's'} ({formatCount(l.total)} lines: {formatCount(l.other)} other requests, {formatCount(l.outOfRange)} outside the
      range, {formatCount(l.unparsable)} unreadable). Peak {c.peak} in flight
      {c.limit !== null && `; above the hosting limit of ${c.limit} for ${formatCount(c.secondsOverLimit)} s`}.
    </p>
  );
};

/** One titled panel of the results. */
const Panel = ({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) => (
  <section className="panel" aria-labelledby={id}>
    <h3 id={id} className="panel__title">
      {title}
    </h3>
    {children}
  </section>
);

const Results = ({ report }: { report: AccessLogReport }) => (
  <div className="log-results" data-testid="log-results">
    <Summary report={report} />
    <Panel id="log-ops-title" title={`Git operations per ${formatDuration(report.intervalMs)}`}>
      <OperationsChart report={report} />
    </Panel>
    <Panel id="log-kind-title" title="Cache and durations by operation">
      <KindTable report={report} />
      <p className="muted small">Durations are the log&apos;s own (ms); p50 and p95 are at most 10 % high (fixed buckets), max is exact.</p>
    </Panel>
    <div className="log-grid">
      <Panel id="log-protocol-title" title="Cache by protocol">
        <ProtocolTable report={report} />
      </Panel>
      <Panel id="log-node-title" title="Durations by node">
        <NodeTable report={report} />
      </Panel>
    </div>
    <Panel id="log-conc-title" title={`Git operations in flight (peak per ${formatDuration(report.intervalMs)}, sampled each second)`}>
      {report.concurrency.truncated && (
        <p className="inline-warning small">Some hours were not tracked (too long a range): narrow the time range to see them.</p>
      )}
      <ConcurrencyChart report={report} />
    </Panel>
    <Panel id="log-slowest-title" title="Slowest operations">
      <SlowestTable report={report} />
    </Panel>
    <div className="log-grid log-grid--three">
      <section className="panel">
        <TopTable title="Top repositories" column="Repository" entries={report.top.repositories} repositories testId="log-top-repositories" />
      </section>
      <section className="panel">
        <TopTable title="Top users" column="User" entries={report.top.users} testId="log-top-users" />
      </section>
      <section className="panel">
        <TopTable title="Top client addresses" column="Client IP" entries={report.top.clientIps} testId="log-top-ips" />
      </section>
    </div>
    <Panel id="log-unparsable-title" title="Unreadable lines">
      <UnparsableList report={report} />
    </Panel>
  </div>
);

/** Bitbucket's access logs read into figures: what clones felt like, from the nodes' own records. */
export const LogsView = () => {
  const { job, error, start, cancel } = useLogAnalysis();
  const running = job?.state === 'running';
  return (
    <section className="logs" aria-labelledby="logs-title">
      <h2 id="logs-title" className="section-title">
        Access logs
      </h2>
      <p className="muted small">
        Reads atlassian-bitbucket-access logs (plain, .gz or .bz2 rotations, or a support zip) without keeping them: clones, fetches, pushes and ref
        advertisements, the SCM cache&apos;s hits and misses, durations and concurrency.
      </p>
      <LogSourceForm running={running} onStart={start} />
      {error && (
        <p className="inline-error" role="alert" data-testid="log-error">
          {error}
        </p>
      )}
      {job && running && <Progress job={job} onCancel={cancel} />}
      {job?.state === 'failed' && (
        <p className="inline-error" role="alert" data-testid="log-error">
          {job.error}
        </p>
      )}
      {job?.state === 'cancelled' && <p className="muted small">Cancelled. Nothing was kept of the logs read so far.</p>}
      {job?.state === 'done' && job.finishedAt !== null && (
        <p className="muted small" data-testid="log-read-at">
          Read at {formatTimestamp(job.finishedAt)} from {job.paths.join(', ')}
        </p>
      )}
      {job?.state === 'done' && job.report && <Results report={job.report} />}
    </section>
  );
};

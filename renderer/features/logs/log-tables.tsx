import { GIT_OP_KINDS, GIT_OP_LABELS, type AccessLogReport, type DurationStats, type TopEntry } from '../../../shared/model/access-log';
import { repoRoute } from '../../../shared/logic/route';
import { formatCount, formatOptionalDuration, formatRatio } from '../../../shared/logic/units';
import { RouteLink } from '../../routing/route-link';
import { hitRatio, logTime } from './log-format';

const Durations = ({ d }: { d: DurationStats | null }) => (
  <>
    <td className="num">{formatOptionalDuration(d?.p50Ms ?? null)}</td>
    <td className="num">{formatOptionalDuration(d?.p95Ms ?? null)}</td>
    <td className="num">{formatOptionalDuration(d?.maxMs ?? null)}</td>
  </>
);

const CacheHeaders = () => (
  <>
    <th scope="col" className="num">
      Cache hits
    </th>
    <th scope="col" className="num">
      Cache misses
    </th>
    <th scope="col" className="num">
      Not cached
    </th>
    <th scope="col" className="num">
      Hit ratio
    </th>
  </>
);

const CacheCells = ({ c }: { c: { hit: number; miss: number; none: number } }) => (
  <>
    <td className="num">{formatCount(c.hit)}</td>
    <td className="num">{formatCount(c.miss)}</td>
    <td className="num">{formatCount(c.none)}</td>
    <td className="num">{formatRatio(hitRatio(c))}</td>
  </>
);

const DurationHeaders = () => (
  <>
    <th scope="col" className="num">
      p50
    </th>
    <th scope="col" className="num">
      p95
    </th>
    <th scope="col" className="num">
      Max
    </th>
  </>
);

/** A repository key `PROJ/slug` as a link to its page. */
export const RepositoryLink = ({ repository }: { repository: string }) => {
  const slash = repository.indexOf('/');
  if (slash < 0) return <>{repository}</>;
  return (
    <RouteLink route={repoRoute(repository.slice(0, slash), repository.slice(slash + 1))} testId="log-repo-link">
      {repository}
    </RouteLink>
  );
};

/** Operations, cache outcome and durations per kind of git operation. */
export const KindTable = ({ report }: { report: AccessLogReport }) => (
  <table className="table" data-testid="log-kind-table">
    <caption className="sr-only">Git operations by kind</caption>
    <thead>
      <tr>
        <th scope="col">Operation</th>
        <th scope="col" className="num">
          Count
        </th>
        <CacheHeaders />
        <DurationHeaders />
      </tr>
    </thead>
    <tbody>
      {GIT_OP_KINDS.map((k) => {
        const c = report.cache.byKind[k];
        return (
          <tr key={k}>
            <th scope="row">{GIT_OP_LABELS[k]}</th>
            <td className="num">{formatCount(report.operations.byKind[k])}</td>
            <CacheCells c={c} />
            <Durations d={report.durations.byKind[k]} />
          </tr>
        );
      })}
    </tbody>
  </table>
);

/** Cache outcome per transport (HTTP/SSH) and git protocol version. */
export const ProtocolTable = ({ report }: { report: AccessLogReport }) => (
  <table className="table" data-testid="log-protocol-table">
    <caption className="sr-only">Cache hits and misses by protocol</caption>
    <thead>
      <tr>
        <th scope="col">Protocol</th>
        <CacheHeaders />
      </tr>
    </thead>
    <tbody>
      {report.cache.byProtocol.map((p) => (
        <tr key={`${p.protocol}-${p.gitProtocol}`}>
          <th scope="row">
            {p.protocol === 'ssh' ? 'SSH' : 'HTTP(S)'}, git protocol v{p.gitProtocol}
          </th>
          <CacheCells c={p.counts} />
        </tr>
      ))}
    </tbody>
  </table>
);

/** Durations per cluster node (from the request ids, else the folder or zip the log came from). */
export const NodeTable = ({ report }: { report: AccessLogReport }) => (
  <table className="table" data-testid="log-node-table">
    <caption className="sr-only">Durations by node</caption>
    <thead>
      <tr>
        <th scope="col">Node</th>
        <th scope="col" className="num">
          Operations
        </th>
        <DurationHeaders />
      </tr>
    </thead>
    <tbody>
      {report.durations.byNode.map((n) => (
        <tr key={n.node}>
          <th scope="row">{n.node}</th>
          <td className="num">{formatCount(n.durations.count)}</td>
          <Durations d={n.durations} />
        </tr>
      ))}
    </tbody>
  </table>
);

/** The busiest repositories, users or client addresses: by operations, then by total time. */
export const TopTable = ({
  title,
  column,
  entries,
  repositories,
  testId,
}: {
  title: string;
  column: string;
  entries: readonly TopEntry[];
  repositories?: boolean;
  testId: string;
}) => (
  <table className="table" data-testid={testId}>
    <caption className="log-caption">{title}</caption>
    <thead>
      <tr>
        <th scope="col">{column}</th>
        <th scope="col" className="num">
          Operations
        </th>
        <th scope="col" className="num">
          Total time
        </th>
        {repositories && (
          <th scope="col" className="num">
            p95
          </th>
        )}
      </tr>
    </thead>
    <tbody>
      {entries.slice(0, 10).map((e) => (
        <tr key={e.key}>
          <th scope="row" className="log-key">
            {repositories ? <RepositoryLink repository={e.key} /> : e.key}
          </th>
          <td className="num" title={e.error > 0 ? `At most ${formatCount(e.error)} too high (bounded tally)` : undefined}>
            {formatCount(e.operations)}
            {e.error > 0 && ' ≈'}
          </td>
          <td className="num">{formatOptionalDuration(e.totalMs)}</td>
          {repositories && <td className="num">{formatOptionalDuration(e.durations?.p95Ms ?? null)}</td>}
        </tr>
      ))}
    </tbody>
  </table>
);

/** The slowest operations, each with enough to find it in the log. */
export const SlowestTable = ({ report }: { report: AccessLogReport }) => (
  <table className="table" data-testid="log-slowest-table">
    <caption className="sr-only">Slowest operations</caption>
    <thead>
      <tr>
        <th scope="col">Started (log time)</th>
        <th scope="col" className="num">
          Duration
        </th>
        <th scope="col">Operation</th>
        <th scope="col">Repository</th>
        <th scope="col">User</th>
        <th scope="col">Client</th>
        <th scope="col">Node</th>
        <th scope="col">Protocol</th>
        <th scope="col">Cache</th>
      </tr>
    </thead>
    <tbody>
      {report.slowest.map((s, i) => (
        <tr key={i} data-kind={s.kind}>
          <td>{logTime(s.at)}</td>
          <td className="num">{formatOptionalDuration(s.durationMs)}</td>
          <td>{GIT_OP_LABELS[s.kind]}</td>
          <td className="log-key">
            <RepositoryLink repository={s.repository} />
          </td>
          <td>{s.user}</td>
          <td>{s.clientIp}</td>
          <td>{s.node}</td>
          <td>
            {s.protocol === 'ssh' ? 'SSH' : 'HTTP'} v{s.gitProtocol}
          </td>
          <td>{s.cache === 'none' ? 'not cached' : s.cache}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** Lines the parser could not read: how many, and the first few with where they are. */
export const UnparsableList = ({ report }: { report: AccessLogReport }) =>
  report.unparsable.count === 0 ? (
    <p className="muted small" data-testid="log-unparsable">
      Every line could be read.
    </p>
  ) : (
    <div data-testid="log-unparsable">
      <p className="small">
        {formatCount(report.unparsable.count)} line{report.unparsable.count === 1 ? '' : 's'} could not be read and{' '}
        {report.unparsable.count === 1 ? 'was' : 'were'} skipped; the first {report.unparsable.examples.length}:
      </p>
      <ul className="log-unparsable">
        {report.unparsable.examples.map((e) => (
          <li key={`${e.source}:${e.line}`}>
            <span className="muted">
              {e.source.split(/[\\/]/).pop()}:{e.line} — {e.reason}
            </span>
            <code>{e.text}</code>
          </li>
        ))}
      </ul>
    </div>
  );

import { useState } from 'react';
import { formatBytes } from '../../../shared/logic/units';
import { useBridge } from '../../bridge/bridge-context';
import { useBridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import type { LogRequest } from './use-log-analysis';

/** `2026-11-02T14:00` from a datetime-local input, read on the log's clock (UTC); null when empty. */
const readInputTime = (value: string): number | null => (value === '' ? null : Date.parse(`${value}:00Z`));

/**
 * What to read: access logs and support zips in the folders this Fleetscope allows, or (desktop)
 * files picked in the native dialog; the time range on the log's clock; the SCM hosting limit.
 */
export const LogSourceForm = ({ running, onStart }: { running: boolean; onStart(request: LogRequest): void }) => {
  const bridge = useBridge();
  const sources = useBridgeQuery({ key: ['getLogSources'], what: 'the log folders', read: (b) => b.getLogSources({}) });
  const [selected, setSelected] = useState<string[]>([]);
  const [picked, setPicked] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [limit, setLimit] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const files = [
    ...(sources.data?.files ?? []),
    ...picked.filter((p) => !sources.data?.files.some((f) => f.path === p)).map((p) => ({ path: p, bytes: null })),
  ];
  const toggle = (path: string): void => setSelected((s) => (s.includes(path) ? s.filter((p) => p !== path) : [...s, path]));
  const limitValue = limit.trim() === '' ? null : Number(limit);
  const limitValid = limitValue === null || (Number.isInteger(limitValue) && limitValue > 0);
  const choose = (): void => {
    setPickError(null);
    bridge.chooseLogFiles({}).then(
      ({ paths }) => {
        setPicked((p) => [...new Set([...p, ...paths])]);
        setSelected((s) => [...new Set([...s, ...paths])]);
      },
      (err: unknown) => setPickError(`Could not open the file dialog: ${(err as Error).message}`),
    );
  };
  return (
    <form
      className="panel log-form"
      data-testid="log-form"
      onSubmit={(e) => {
        e.preventDefault();
        onStart({ paths: selected, from: readInputTime(from), to: readInputTime(to), hostingLimit: limitValue });
      }}
    >
      <fieldset className="log-form__files">
        <legend>Access logs</legend>
        <QueryStatus query={sources} />
        {sources.data && files.length === 0 && (
          <p className="muted small" data-testid="log-no-files">
            {sources.data.folders.length === 0
              ? 'No folder is allowed for logs. Set FLEETSCOPE_LOG_FOLDERS to the folders holding atlassian-bitbucket-access*.log files or support zips and restart'
              : `No access log or support zip in ${sources.data.folders.join(', ')}`}
            {sources.data.canChoose ? ', or choose files below.' : '.'}
          </p>
        )}
        <ul className="log-form__list">
          {files.map((f) => (
            <li key={f.path}>
              <label>
                <input type="checkbox" checked={selected.includes(f.path)} onChange={() => toggle(f.path)} data-testid="log-file" />
                <span className="log-form__path">{f.path}</span>
                {f.bytes !== null && <span className="muted small"> {formatBytes(f.bytes)}</span>}
              </label>
            </li>
          ))}
        </ul>
        {sources.data?.canChoose && (
          <button type="button" className="button" onClick={choose} data-testid="log-choose">
            Choose files…
          </button>
        )}
        {pickError && (
          <p className="inline-error" role="alert">
            {pickError}
          </p>
        )}
      </fieldset>
      <div className="log-form__row">
        <label>
          From (log time, UTC)
          <input className="input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="log-from" />
        </label>
        <label>
          To (log time, UTC)
          <input className="input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="log-to" />
        </label>
        <label>
          SCM hosting limit (operations)
          <input
            className="input log-form__limit"
            inputMode="numeric"
            placeholder="e.g. 24"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            aria-invalid={!limitValid}
            data-testid="log-limit"
          />
        </label>
        <button type="submit" className="button button--primary" disabled={running || selected.length === 0 || !limitValid} data-testid="log-analyse">
          Read {selected.length === 0 ? 'logs' : `${selected.length} log${selected.length === 1 ? '' : 's'}`}
        </button>
      </div>
      {!limitValid && <p className="inline-error">The hosting limit is a whole number above 0 (throttle.resource.scm-hosting), or empty.</p>}
    </form>
  );
};

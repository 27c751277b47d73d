import { useState } from 'react';
import { rangeFromParam } from '../../../shared/logic/report/report-range';
import { formatTimestamp } from '../../../shared/logic/units';
import { useBridge } from '../../bridge/bridge-context';
import { downloadBase64, downloadText } from '../../components/download';
import { useAction } from '../../components/use-action';
import { setRouteParams, useRouteParam } from '../../routing/route-store';

/** The ranges offered here; a zoom elsewhere may set any `FROM~TO` range in the route, which is shown as it is. */
const RANGES = [
  { id: '15m', label: 'Last 15 min' },
  { id: '1h', label: 'Last 1 h' },
  { id: '6h', label: 'Last 6 h' },
  { id: '24h', label: 'Last 24 h' },
  { id: '7d', label: 'Last 7 d' },
] as const;
const DEFAULT_RANGE = '1h';

type What = 'html' | 'pdf' | 'bundle';
const LABELS: Record<What, { idle: string; busy: string }> = {
  html: { idle: 'Report (HTML)', busy: 'Preparing the report…' },
  pdf: { idle: 'Report (PDF)', busy: 'Printing the PDF…' },
  bundle: { idle: 'Support bundle', busy: 'Packing the bundle…' },
};

/**
 * The incident report and support bundle of the route's time range (`range`): what happened,
 * charts, alerts and admin actions for a hand-over; the bundle for a support case.
 */
export const ReportButtons = () => {
  const bridge = useBridge();
  const param = useRouteParam('range') ?? DEFAULT_RANGE;
  const action = useAction<void>();
  const [busy, setBusy] = useState<What | null>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const preset = RANGES.some((r) => r.id === param);
  const absolute = preset ? null : rangeFromParam(param, 0);

  const make = (what: What) => {
    setBusy(what);
    void action
      .run(async () => {
        // Relative ranges end now, at the click; an absolute one is the same whenever.
        const now = Date.now();
        const range = { ...(rangeFromParam(param, now) ?? rangeFromParam(DEFAULT_RANGE, now)!), timeZone };
        if (what === 'html') {
          const r = await bridge.getIncidentReport(range);
          downloadText(r.fileName, r.html, 'text/html');
        } else if (what === 'pdf') {
          const r = await bridge.getIncidentReportPdf(range);
          downloadBase64(r.fileName, r.base64, 'application/pdf');
        } else {
          const r = await bridge.getSupportBundle(range);
          downloadBase64(r.fileName, r.base64, 'application/zip');
        }
      })
      .finally(() => setBusy(null));
  };

  return (
    <div className="report-bar" data-testid="report-bar">
      <label className="report-bar__range">
        <span>Time range</span>
        <select
          className="input"
          value={preset ? param : 'custom'}
          onChange={(e) => setRouteParams({ range: e.target.value })}
          aria-label="Time range of the report"
        >
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
          {!preset && <option value="custom">{absolute ? `${formatTimestamp(absolute.from)} to ${formatTimestamp(absolute.to)}` : 'Last 1 h'}</option>}
        </select>
      </label>
      {(Object.keys(LABELS) as What[]).map((what) => (
        <button
          key={what}
          type="button"
          className="button"
          data-testid={`report-${what}`}
          disabled={busy !== null}
          aria-busy={busy === what}
          onClick={() => make(what)}
        >
          {busy === what ? LABELS[what].busy : LABELS[what].idle}
        </button>
      ))}
      {action.error && (
        <p className="inline-error" role="alert" data-testid="report-error">
          {action.error}
        </p>
      )}
    </div>
  );
};

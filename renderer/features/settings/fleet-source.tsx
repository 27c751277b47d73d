import { useState } from 'react';
import type { HostLink } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useAction } from '../../components/use-action';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { selectHostLink, useSessionStore } from '../../state/session.store';

type Choice = HostLink['mode'];

/**
 * Where the fleet comes from: this desktop polling it, or a team collector (URL, token, CA file).
 * The token is sent once to the host, which keeps it in the vault; the form forgets it. Not
 * locked for a viewer token: leaving a collector is this desktop's own choice.
 */
export const FleetSource = () => {
  const link = useSessionStore(selectHostLink);
  if (link === null) return null;
  return (
    <section className="panel" aria-labelledby="fleet-source-title" data-testid="fleet-source" data-mode={link.mode}>
      <h3 id="fleet-source-title">Where the fleet comes from</h3>
      {link.switchable ? <SourceChoice link={link} /> : <FixedSource link={link} />}
    </section>
  );
};

const FixedSource = ({ link }: { link: HostLink }) => (
  <p className="muted" data-testid="fleet-source-fixed">
    {link.mode === 'local'
      ? 'This Fleetscope polls the fleet itself. It was started from the command line: `fleetscope serve --collector URL` makes it a team collector’s client instead.'
      : `This Fleetscope shows the team collector at ${link.url}, as its command line chose (serve --collector); restart it without --collector to poll the fleet itself.`}
  </p>
);

const SourceChoice = ({ link }: { link: HostLink }) => {
  const bridge = useBridge();
  const [choice, setChoice] = useState<Choice>(link.mode);
  const connect = useAction<HostLink>();
  const leave = useConfirmedAction<HostLink>();
  const connected = link.mode === 'collector' ? link : null;
  return (
    <>
      {link.mode === 'local' && link.message && (
        <p className="banner banner--warning" data-testid="fleet-source-problem">
          {link.message}
        </p>
      )}
      <div className="fleet-source__choice" role="radiogroup" aria-label="Where the fleet comes from">
        <label>
          <input type="radio" name="fleet-source" value="local" checked={choice === 'local'} onChange={() => setChoice('local')} data-testid="source-local" />{' '}
          Poll the fleet myself
        </label>
        <label>
          <input
            type="radio"
            name="fleet-source"
            value="collector"
            checked={choice === 'collector'}
            onChange={() => setChoice('collector')}
            data-testid="source-collector"
          />{' '}
          Connect to a team collector
        </label>
      </div>
      {connected && (
        <p className="muted" data-testid="fleet-source-connected">
          Connected to <span className="mono">{connected.url}</span>
          {connected.tokenName && ` as ${connected.tokenName} (${connected.role ?? 'role not known yet'})`}
          {connected.caFile && ` · CA ${connected.caFile}`}. The connections below are the collector’s own.
        </p>
      )}
      {choice === 'local' && connected && (
        <button
          type="button"
          className="button"
          data-testid="poll-myself"
          onClick={() =>
            leave.ask({
              title: 'Poll the fleet from this desktop?',
              confirmLabel: 'Poll the fleet myself',
              body: `Fleetscope stops using the team collector at ${connected.url}, deletes its token from the vault and polls the fleet in your fleet config (the simulated fleet when there is none).`,
              run: () => bridge.disconnectCollector({}),
            })
          }
        >
          Poll the fleet myself
        </button>
      )}
      {choice === 'collector' && (
        <form
          className="settings-form"
          data-testid="collector-form"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const data = new FormData(form);
            const caFile = String(data.get('caFile') ?? '').trim();
            const args = { url: String(data.get('url') ?? ''), token: String(data.get('token') ?? ''), ...(caFile ? { caFile } : {}) };
            // The token leaves the page with this request and is not kept in it.
            (form.elements.namedItem('token') as HTMLInputElement).value = '';
            void connect.run(() => bridge.connectCollector(args));
          }}
        >
          <label>
            Collector URL
            <input
              className="input"
              name="url"
              type="url"
              required
              placeholder="https://fleetscope.example.com:4780/"
              defaultValue={connected?.url ?? ''}
              data-testid="collector-url"
            />
          </label>
          <label>
            Token (admin or viewer, from whoever runs the collector; kept in the vault)
            <input className="input" name="token" type="password" required autoComplete="off" data-testid="collector-token" />
          </label>
          <label>
            CA file (optional: a PEM file on this machine, for a collector with a private CA)
            <input className="input mono" name="caFile" placeholder="/etc/ssl/corp-ca.pem" defaultValue={connected?.caFile ?? ''} data-testid="collector-ca" />
          </label>
          <div className="toolbar">
            <button type="submit" className="button button--primary" disabled={connect.pending} data-testid="collector-connect">
              {connect.pending ? 'Connecting…' : connected ? 'Connect again with these' : 'Connect'}
            </button>
          </div>
          {connect.error && (
            <p className="inline-error" role="alert" data-testid="collector-error">
              {connect.error}
            </p>
          )}
        </form>
      )}
      {leave.dialog}
    </>
  );
};

import { useRef, useState } from 'react';
import type { PrimarySettings, Settings } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { downloadText } from '../../components/download';
import { QueryStatus } from '../../components/query-status';
import { useAction } from '../../components/use-action';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { useActionLock } from '../../components/use-action-lock';
import { FleetSource } from './fleet-source';
import { PollingSettings } from './polling-settings';
import { PrimaryForm } from './primary-form';
import { StorageSources } from './storage-sources';
import { useLeaveDemo } from './use-leave-demo';
import { useSettings } from './use-settings';

const credentialText = (c: PrimarySettings['read']): string => {
  if (!c) return 'none';
  const who = c.kind === 'token' ? 'token' : `user ${c.username}`;
  const where = c.secret.source === 'env' ? `from $${c.secret.name}` : c.secret.source === 'vault' ? 'in the vault' : 'inline in the file';
  return `${who}, ${where}`;
};

/** Settings: where the fleet comes from, then the connections of whichever host polls it. */
export const SettingsView = () => (
  <section className="settings" aria-labelledby="settings-title" data-testid="settings-view">
    <h2 id="settings-title" className="section-title">
      Settings
    </h2>
    <FleetSource />
    <FleetSettings />
  </section>
);

/** Connections: primaries and storage sources, their credentials, the poll interval, import and export. */
const FleetSettings = () => {
  const bridge = useBridge();
  const query = useSettings();
  const { data: settings, replace } = query;
  const [form, setForm] = useState<{ editing: PrimarySettings | null } | null>(null);
  const remove = useConfirmedAction<Settings>();
  const io = useAction<Settings>();
  const exporting = useAction<{ yaml: string }>();
  const fileInput = useRef<HTMLInputElement>(null);
  const lock = useActionLock();
  const leaveDemo = useLeaveDemo(settings?.demo ?? false, settings?.configPath ?? '');
  if (!settings) return <QueryStatus query={query} />;
  const vault = settings.secretStorage.kind === 'vault';
  return (
    <>
      <p className="muted">
        Fleet config file: <span className="mono">{settings.configPath}</span>
      </p>
      {settings.demo && (
        <p className="banner banner--info" data-testid="settings-demo-note">
          You are watching the simulated fleet. The polling settings below change the demo only and write no file; adding a primary, a storage source or
          importing a config writes your fleet file and, once you confirm, switches Fleetscope to your fleet.
        </p>
      )}
      <p className={`banner ${vault ? 'banner--ok' : 'banner--warning'}`} data-testid="secret-storage">
        {settings.secretStorage.kind === 'vault'
          ? `Secrets typed here are encrypted by the operating system (${settings.secretStorage.backend}) and never written to the file.`
          : settings.secretStorage.reason}
      </p>
      {settings.warnings.map((w) => (
        <p key={w} className="banner banner--warning">
          {w}
        </p>
      ))}

      {/* A viewer sees the connections but changes none of them: the host would refuse it anyway. */}
      <fieldset className="settings__fields" disabled={lock.locked} title={lock.title} data-testid="settings-fields">
        <section className="panel" aria-labelledby="primaries-settings-title">
          <h3 id="primaries-settings-title">Primaries</h3>
          {settings.primaries.length === 0 && <p className="muted">No primaries yet.</p>}
          <ul className="settings-list">
            {settings.primaries.map((p) => (
              <li key={p.id} data-testid="settings-primary" data-primary-id={p.id}>
                <div>
                  <strong>{p.name}</strong> <span className="mono muted">{p.baseUrl}</span>
                  <div className="muted small">
                    read: {credentialText(p.read)} · admin: {credentialText(p.admin)}
                    {p.caFile && ` · CA ${p.caFile}`}
                    {p.proxy && ` · proxy ${p.proxy}`}
                  </div>
                </div>
                <span className="toolbar__spacer" />
                <button type="button" className="button button--small" aria-label={`Edit ${p.name}`} onClick={() => setForm({ editing: p })}>
                  Edit
                </button>
                <button
                  type="button"
                  className="button button--small"
                  data-testid="remove-primary"
                  aria-label={`Remove ${p.name}…`}
                  onClick={() =>
                    remove.ask({
                      title: `Remove ${p.name}?`,
                      confirmLabel: 'Remove',
                      danger: true,
                      body: `Fleetscope stops polling ${p.baseUrl} and deletes its stored secrets. Its history stays until it ages out.`,
                      run: () => bridge.removePrimary({ id: p.id }),
                      onDone: replace,
                    })
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          {!form && (
            <button type="button" className="button button--primary" data-testid="add-primary" onClick={() => setForm({ editing: null })}>
              Add a primary
            </button>
          )}
          {form && (
            <PrimaryForm
              editing={form.editing}
              vault={vault}
              leaveDemo={leaveDemo}
              onDone={() => {
                setForm(null);
                query.refresh();
              }}
            />
          )}
        </section>

        <StorageSources settings={settings} leaveDemo={leaveDemo} onChange={replace} />

        <PollingSettings settings={settings} onChange={replace} />

        <section className="panel" aria-labelledby="config-file-title">
          <h3 id="config-file-title">Config file</h3>
          <div className="toolbar">
            <button
              type="button"
              className="button"
              data-testid="export-config"
              onClick={() => void exporting.run(() => bridge.exportConfig({})).then((r) => r && downloadText('fleet.yaml', r.yaml, 'application/yaml'))}
            >
              Export (YAML, without secrets)
            </button>
            <button type="button" className="button" onClick={() => fileInput.current?.click()}>
              Import…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".yaml,.yml,text/yaml"
              hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file)
                  void file.text().then((yaml) =>
                    leaveDemo.guard(`Import ${file.name} and switch to your fleet?`, (confirmed) => {
                      void io.run(() => bridge.importConfig({ yaml, ...confirmed })).then((r) => r && replace(r));
                    }),
                  );
                e.target.value = '';
              }}
            />
          </div>
          {(io.error ?? exporting.error) && <p className="inline-error">{io.error ?? exporting.error}</p>}
        </section>
      </fieldset>
      {remove.dialog}
      {leaveDemo.dialog}
    </>
  );
};

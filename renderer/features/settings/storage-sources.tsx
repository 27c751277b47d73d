import { useState } from 'react';
import { parse, stringify } from 'yaml';
import { sourceCommand } from '../../../shared/logic/gluster-command';
import type { Settings } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useAction } from '../../components/use-action';
import type { LeaveDemo } from './use-leave-demo';

const EXAMPLE = `id: shared-home
name: Shared home
gluster:
  ssh: { host: gluster1.example.com, username: root, privateKeyFile: ~/.ssh/id_ed25519, knownHostsFile: ~/.ssh/known_hosts }
  # or local: { command: gluster }
`;

/** GlusterFS sources, edited as the config file writes them (YAML), validated by the engine on save. */
export const StorageSources = ({ settings, leaveDemo, onChange }: { settings: Settings; leaveDemo: LeaveDemo; onChange(s: Settings): void }) => {
  const bridge = useBridge();
  const [editing, setEditing] = useState<{ replaces: string | null; text: string } | null>(null);
  // The command line this save would newly run, shown before it is sent (the desktop asks again, natively).
  const [confirming, setConfirming] = useState<string | null>(null);
  const save = useAction<Settings>();
  const submit = async (confirmed?: string): Promise<void> => {
    if (!editing) return;
    let source: unknown;
    try {
      source = parse(editing.text);
    } catch (err) {
      await save.run(() => Promise.reject(new Error(`Not valid YAML: ${(err as Error).message}`)));
      return;
    }
    const changed = newCommandLine(
      source,
      settings.storage.find((s) => s.id === (editing.replaces ?? (source as { id?: unknown } | null)?.id)),
    );
    if (changed !== null && confirmed !== changed) {
      setConfirming(changed);
      return;
    }
    setConfirming(null);
    const replaces = editing.replaces ? { replaces: editing.replaces } : {};
    const command = changed !== null ? { confirmedCommand: changed } : {};
    leaveDemo.guard('Save this storage source and switch to your fleet?', (leaving) => {
      void save
        .run(() => bridge.saveStorage({ source: (source ?? {}) as Record<string, unknown>, ...replaces, ...command, ...leaving }))
        .then((result) => {
          if (result) {
            onChange(result);
            setEditing(null);
          }
        });
    });
  };
  return (
    <section className="panel" aria-labelledby="storage-sources-title">
      <h3 id="storage-sources-title">Storage sources</h3>
      {settings.storage.length === 0 && <p className="muted">No GlusterFS sources.</p>}
      <ul className="settings-list">
        {settings.storage.map((s) => (
          <li key={String(s.id)} data-testid="storage-source">
            <strong>{String(s.name ?? s.id)}</strong> <span className="mono muted">{String(s.id)}</span>
            <span className="toolbar__spacer" />
            <button
              type="button"
              className="button button--small"
              aria-label={`Edit ${String(s.name ?? s.id)}`}
              onClick={() => setEditing({ replaces: String(s.id), text: stringify(s) })}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button--small"
              aria-label={`Remove ${String(s.name ?? s.id)}`}
              onClick={() => void save.run(() => bridge.removeStorage({ id: String(s.id) })).then((r) => r && onChange(r))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {editing ? (
        <div className="settings-form">
          <textarea
            className="input mono"
            rows={8}
            value={editing.text}
            onChange={(e) => {
              setConfirming(null);
              setEditing({ ...editing, text: e.target.value });
            }}
            aria-label="Storage source (YAML)"
          />
          {confirming !== null && (
            <div className="settings-confirm" role="alertdialog" aria-labelledby="command-confirm-title">
              <p id="command-confirm-title">Fleetscope will run this command on every storage poll:</p>
              <pre className="mono" data-testid="command-line">
                {confirming}
              </pre>
              <p className="muted">Only confirm a command you typed yourself. The desktop app asks once more before saving.</p>
            </div>
          )}
          <div className="toolbar">
            <span className="toolbar__spacer" />
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirming(null);
                setEditing(null);
              }}
            >
              Cancel
            </button>
            {confirming !== null ? (
              <button type="button" className="button button--primary" onClick={() => void submit(confirming)} disabled={save.pending}>
                Save and run this command
              </button>
            ) : (
              <button type="button" className="button button--primary" onClick={() => void submit()} disabled={save.pending}>
                Save source
              </button>
            )}
          </div>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setEditing({ replaces: null, text: EXAMPLE })}>
          Add a storage source
        </button>
      )}
      {save.error && <p className="inline-error">{save.error}</p>}
    </section>
  );
};

/** The command line a source would run when it differs from what the stored one runs (null when unchanged or none). */
function newCommandLine(source: unknown, stored: unknown): string | null {
  const next = sourceCommand(source).line;
  const before = stored === undefined ? 'gluster' : sourceCommand(stored).line;
  return next === null || next === before ? null : next;
}

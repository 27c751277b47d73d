import { useState } from 'react';
import type { ConnectionReport, PrimaryInput, PrimarySettings } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useAction } from '../../components/use-action';
import type { LeaveDemo } from './use-leave-demo';
import { CredentialFields, credentialInput, draftFromView, type CredentialDraft } from './credential-fields';
import { FieldProblem, invalidProps } from './field-problem';
import { primaryProblems, type PrimaryProblems } from './primary-problems';

interface Draft {
  id: string;
  name: string;
  baseUrl: string;
  nodes: string;
  read: CredentialDraft;
  admin: CredentialDraft;
  caFile: string;
  proxy: string;
  timeoutSeconds: string;
}

const draftOf = (p: PrimarySettings | null, vault: boolean): Draft => ({
  id: p?.id ?? '',
  name: p?.name ?? '',
  baseUrl: p?.baseUrl ?? 'https://',
  nodes: (p?.nodes ?? []).map((n) => `${n.name} ${n.baseUrl}`).join('\n'),
  read: draftFromView(p?.read ?? null, vault),
  admin: draftFromView(p?.admin ?? null, vault),
  caFile: p?.caFile ?? '',
  proxy: p?.proxy ?? '',
  timeoutSeconds: p?.timeoutSeconds ? String(p.timeoutSeconds) : '',
});

function toInput(d: Draft, vault: boolean): PrimaryInput {
  const nodes = d.nodes
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', baseUrl = ''] = l.split(/\s+/);
      return { name, baseUrl };
    });
  return {
    id: d.id.trim(),
    name: d.name.trim(),
    baseUrl: d.baseUrl.trim(),
    nodes,
    read: credentialInput(d.read, vault),
    admin: credentialInput(d.admin, vault),
    caFile: d.caFile.trim() || null,
    proxy: d.proxy.trim() || null,
    timeoutSeconds: d.timeoutSeconds.trim() ? Number(d.timeoutSeconds) : null,
  };
}

const STEP_ICON = { ok: '✓', warning: '!', failed: '✗', skipped: '–' } as const;

const Report = ({ report }: { report: ConnectionReport }) => (
  <ul className="connection-report" data-testid="connection-report" data-ok={report.ok}>
    {report.steps.map((s) => (
      <li key={s.step} className={`connection-report__step connection-report__step--${s.status}`} data-step={s.step} data-status={s.status}>
        <span aria-hidden="true">{STEP_ICON[s.status]}</span> <strong>{s.step}</strong>: {s.message}
      </li>
    ))}
  </ul>
);

interface Props {
  editing: PrimarySettings | null;
  vault: boolean;
  /** Saving ends the demo: the person confirms the switch first (`leaveDemo`). */
  leaveDemo: LeaveDemo;
  onDone(): void;
}

/** Add or edit a primary: fields, "Test connection" before saving, and the save itself. */
export const PrimaryForm = ({ editing, vault, leaveDemo, onDone }: Props) => {
  const bridge = useBridge();
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing, vault));
  // Problems are shown from the first Save or Test on, and follow the person's corrections.
  const [checked, setChecked] = useState(false);
  const test = useAction<ConnectionReport>();
  const save = useAction<unknown>();
  const set = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }));
  const problems: PrimaryProblems = checked ? primaryProblems(toInput(draft, vault)) : {};
  /** Whether the form may be sent; otherwise its problems show at their fields. */
  const ready = (): boolean => {
    setChecked(true);
    return Object.keys(primaryProblems(toInput(draft, vault))).length === 0;
  };
  const field = (label: string, key: 'id' | 'name' | 'baseUrl' | 'caFile' | 'proxy' | 'timeoutSeconds', placeholder = '') => (
    <>
      <label>
        {label}{' '}
        <input
          className="input"
          value={draft[key]}
          placeholder={placeholder}
          onChange={(e) => set({ [key]: e.target.value })}
          data-testid={`primary-${key}`}
          {...invalidProps(problems[key], `primary-${key}-problem`)}
        />
      </label>
      <FieldProblem id={`primary-${key}-problem`} problem={problems[key]} />
    </>
  );
  return (
    <form
      className="panel settings-form"
      data-testid="primary-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready()) return;
        const primary = toInput(draft, vault);
        const replaces = editing ? { replaces: editing.id } : {};
        leaveDemo.guard(`Save ${primary.name || 'this primary'} and switch to your fleet?`, (confirmed) => {
          void save.run(() => bridge.savePrimary({ primary, ...replaces, ...confirmed })).then((r) => r && onDone());
        });
      }}
    >
      <h3>{editing ? `Edit ${editing.name}` : 'Add a primary'}</h3>
      {field('Id', 'id', 'prod')}
      {field('Name', 'name', 'Production')}
      {field('Base URL', 'baseUrl', 'https://bitbucket.example.com')}
      <label>
        Node URLs (optional: one "name url" per line, for each node's /status)
        <textarea
          className="input mono"
          rows={3}
          value={draft.nodes}
          onChange={(e) => set({ nodes: e.target.value })}
          data-testid="primary-nodes"
          {...invalidProps(problems.nodes, 'primary-nodes-problem')}
        />
      </label>
      <FieldProblem id="primary-nodes-problem" problem={problems.nodes} />
      <CredentialFields
        legend="Read credential"
        hint="For dashboards. A token works; Bitbucket 10 serves an unknown token as anonymous, so test it."
        draft={draft.read}
        vault={vault}
        testId="read"
        problems={{ username: problems['read.username'], secret: problems['read.secret'] }}
        onChange={(read) => set({ read })}
      />
      <CredentialFields
        legend="Admin credential"
        hint="For actions and cluster membership. Bitbucket refuses access tokens on admin endpoints: use a user name and password. Without one, this primary is read-only."
        draft={draft.admin}
        vault={vault}
        testId="admin"
        problems={{ username: problems['admin.username'], secret: problems['admin.secret'] }}
        onChange={(admin) => set({ admin })}
      />
      {field('CA file (PEM, added to the default roots)', 'caFile', '/etc/ssl/corp-ca.pem')}
      {field('Proxy (empty: HTTPS_PROXY/NO_PROXY; "direct": none)', 'proxy', 'http://proxy.example.com:3128')}
      {field('Timeout per request (seconds)', 'timeoutSeconds', '10')}
      <div className="toolbar">
        <button
          type="button"
          className="button"
          data-testid="test-connection"
          disabled={test.pending}
          onClick={() => {
            if (ready()) void test.run(() => bridge.testConnection({ primary: toInput(draft, vault) }));
          }}
        >
          {test.pending ? 'Testing…' : 'Test connection'}
        </button>
        <span className="toolbar__spacer" />
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" data-testid="save-primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save'}
        </button>
      </div>
      {test.error && <p className="inline-error">{test.error}</p>}
      {test.result && <Report report={test.result} />}
      {save.error && (
        <p className="inline-error" role="alert" data-testid="save-error">
          {save.error}
        </p>
      )}
    </form>
  );
};

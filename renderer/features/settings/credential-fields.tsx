import type { CredentialInput, CredentialView, SecretInput } from '../../../shared/model';

export type SecretMode = 'value' | 'env' | 'keep';

/** A credential as the form edits it: plain strings, turned into a CredentialInput on save. */
export interface CredentialDraft {
  kind: 'none' | 'token' | 'basic';
  username: string;
  mode: SecretMode;
  value: string;
  env: string;
  /** Whether a secret is stored already, so "keep" can be offered. */
  stored: boolean;
}

export const draftFromView = (view: CredentialView | null): CredentialDraft => ({
  kind: view === null ? 'none' : view.kind,
  username: view?.kind === 'basic' ? view.username : '',
  mode: view === null ? 'value' : view.secret.source === 'env' ? 'env' : 'keep',
  value: '',
  env: view?.secret.source === 'env' ? view.secret.name : '',
  stored: view !== null,
});

export function credentialInput(d: CredentialDraft): CredentialInput {
  if (d.kind === 'none') return { kind: 'none' };
  const secret: SecretInput = d.mode === 'keep' ? { keep: true } : d.mode === 'env' ? { env: d.env.trim() } : { value: d.value };
  return d.kind === 'token' ? { kind: 'token', token: secret } : { kind: 'basic', username: d.username.trim(), password: secret };
}

interface Props {
  legend: string;
  hint: string;
  draft: CredentialDraft;
  vault: boolean;
  testId: string;
  onChange(next: CredentialDraft): void;
}

/** One credential: none, a token, or user name and password; the secret typed, from an env variable, or kept. */
export const CredentialFields = ({ legend, hint, draft, vault, testId, onChange }: Props) => {
  const set = (patch: Partial<CredentialDraft>): void => onChange({ ...draft, ...patch });
  const secretLabel = draft.kind === 'token' ? 'Token' : 'Password';
  return (
    <fieldset className="settings-fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      <p className="muted small">{hint}</p>
      <label>
        Kind{' '}
        <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as CredentialDraft['kind'] })} data-testid={`${testId}-kind`}>
          <option value="none">None</option>
          <option value="token">HTTP access token (Bearer)</option>
          <option value="basic">User name and password (Basic)</option>
        </select>
      </label>
      {draft.kind === 'basic' && (
        <label>
          User name <input className="input" value={draft.username} onChange={(e) => set({ username: e.target.value })} data-testid={`${testId}-username`} />
        </label>
      )}
      {draft.kind !== 'none' && (
        <>
          <label>
            {secretLabel} from{' '}
            <select value={draft.mode} onChange={(e) => set({ mode: e.target.value as SecretMode })} data-testid={`${testId}-mode`}>
              {vault && <option value="value">typed here (kept in the encrypted vault)</option>}
              <option value="env">an environment variable</option>
              {draft.stored && <option value="keep">keep the stored one</option>}
            </select>
          </label>
          {draft.mode === 'value' && (
            <label>
              {secretLabel}{' '}
              <input
                className="input"
                type="password"
                autoComplete="off"
                value={draft.value}
                onChange={(e) => set({ value: e.target.value })}
                data-testid={`${testId}-value`}
              />
            </label>
          )}
          {draft.mode === 'env' && (
            <label>
              Variable{' '}
              <input
                className="input mono"
                placeholder="BB_READ_TOKEN"
                value={draft.env}
                onChange={(e) => set({ env: e.target.value })}
                data-testid={`${testId}-env`}
              />
            </label>
          )}
        </>
      )}
    </fieldset>
  );
};

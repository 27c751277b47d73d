import type { CredentialInput, CredentialView, SecretInput } from '../../../shared/model';
import { FieldProblem, invalidProps } from './field-problem';

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

/** A new secret is typed into the vault where there is one; browser mode has none, so it names a variable. */
export const draftFromView = (view: CredentialView | null, vault: boolean): CredentialDraft => ({
  kind: view === null ? 'none' : view.kind,
  username: view?.kind === 'basic' ? view.username : '',
  mode: view === null ? (vault ? 'value' : 'env') : view.secret.source === 'env' ? 'env' : 'keep',
  value: '',
  env: view?.secret.source === 'env' ? view.secret.name : '',
  stored: view !== null,
});

export function credentialInput(d: CredentialDraft, vault: boolean): CredentialInput {
  if (d.kind === 'none') return { kind: 'none' };
  const mode = d.mode === 'value' && !vault ? 'env' : d.mode;
  const secret: SecretInput = mode === 'keep' ? { keep: true } : mode === 'env' ? { env: d.env.trim() } : { value: d.value };
  return d.kind === 'token' ? { kind: 'token', token: secret } : { kind: 'basic', username: d.username.trim(), password: secret };
}

interface Props {
  legend: string;
  hint: string;
  draft: CredentialDraft;
  vault: boolean;
  testId: string;
  /** What is wrong with the user name or the secret, in words, shown at the field. */
  problems: { username?: string | undefined; secret?: string | undefined };
  onChange(next: CredentialDraft): void;
}

/** One credential: none, a token, or user name and password; the secret typed, from an env variable, or kept. */
export const CredentialFields = ({ legend, hint, draft, vault, testId, problems, onChange }: Props) => {
  const set = (patch: Partial<CredentialDraft>): void => onChange({ ...draft, ...patch });
  const secretLabel = draft.kind === 'token' ? 'Token' : 'Password';
  // "Typed here" needs the vault: without one, the variable's name is what the person gives.
  const mode: SecretMode = draft.mode === 'value' && !vault ? 'env' : draft.mode;
  const secretProblem = `${testId}-secret-problem`;
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
        <>
          <label>
            User name{' '}
            <input
              className="input"
              value={draft.username}
              onChange={(e) => set({ username: e.target.value })}
              data-testid={`${testId}-username`}
              {...invalidProps(problems.username, `${testId}-username-problem`)}
            />
          </label>
          <FieldProblem id={`${testId}-username-problem`} problem={problems.username} />
        </>
      )}
      {draft.kind !== 'none' && (
        <>
          <label>
            {secretLabel} from{' '}
            <select value={mode} onChange={(e) => set({ mode: e.target.value as SecretMode })} data-testid={`${testId}-mode`}>
              {vault && <option value="value">typed here (kept in the encrypted vault)</option>}
              <option value="env">an environment variable</option>
              {draft.stored && <option value="keep">keep the stored one</option>}
            </select>
          </label>
          {mode === 'value' && (
            <>
              <label>
                {secretLabel}{' '}
                <input
                  className="input"
                  type="password"
                  autoComplete="off"
                  value={draft.value}
                  onChange={(e) => set({ value: e.target.value })}
                  data-testid={`${testId}-value`}
                  {...invalidProps(problems.secret, secretProblem)}
                />
              </label>
              <FieldProblem id={secretProblem} problem={problems.secret} />
            </>
          )}
          {mode === 'env' && (
            <>
              <label>
                Name of the environment variable holding the {secretLabel.toLowerCase()}{' '}
                <input
                  className="input mono"
                  placeholder={`BB_${testId.toUpperCase()}_${secretLabel.toUpperCase()}`}
                  value={draft.env}
                  onChange={(e) => set({ env: e.target.value, mode: 'env' })}
                  data-testid={`${testId}-env`}
                  {...invalidProps(problems.secret, secretProblem)}
                />
              </label>
              <FieldProblem id={secretProblem} problem={problems.secret} />
            </>
          )}
        </>
      )}
    </fieldset>
  );
};

import { useState, type FormEvent } from 'react';
import { storeToken } from '../bridge/token';

/**
 * Browser mode without a valid token (a link copied from another window carries none, on
 * purpose): ask for it here instead of a dead end. Saving keeps it for this tab and reloads the
 * same route.
 */
export const TokenForm = () => {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const value = token.trim();
    if (!value) return;
    let storage: Storage | null = null;
    try {
      storage = window.sessionStorage;
    } catch {
      // A browser that blocks storage throws on access; storeToken then refuses and the form says so.
    }
    if (!storeToken(storage, value)) {
      setError(
        'This browser does not let the page keep the token (session storage is blocked), so a reload would ask again. Open the full link fleetscope serve printed (…/#token=…) instead, or allow site data for this address.',
      );
      return;
    }
    window.location.reload();
  };
  return (
    <form className="token-form panel" data-testid="token-form" onSubmit={submit}>
      <h2 className="section-title">Access token needed</h2>
      <p>
        This Fleetscope server answers only with its access token, and links never carry it. Find it in the line <code>fleetscope serve</code> printed when it
        started (<code>Fleetscope ready at http://…/#token=TOKEN</code>), or in <code>FLEETSCOPE_TOKEN</code> if the server was started with one.
      </p>
      <label className="field">
        <span>Access token</span>
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          data-testid="token-input"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby="token-help"
        />
      </label>
      <p id="token-help" className="hint">
        Kept for this browser tab only (sessionStorage); the page then opens the place this link points to.
      </p>
      {error && (
        <p className="inline-error" role="alert" data-testid="token-error">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" data-testid="token-submit" disabled={token.trim() === ''}>
        Open
      </button>
    </form>
  );
};

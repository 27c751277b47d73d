const TOKEN_KEY = 'fleetscope.token';

/** Where the token comes from and where it goes; the browser's own objects in production. */
export type TokenEnv = {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
};

/**
 * Reads the API token that `fleetscope serve` puts in the URL (`#token=…`), keeps it in
 * sessionStorage so a reload still works, and strips it from the address bar so it does not end
 * up in screenshots, history or a shared link. Falls back to the stored token.
 */
export const takeToken = ({ location, history, storage }: TokenEnv): string | null => {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    try {
      storage?.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token still works for this page's lifetime.
    }
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
};

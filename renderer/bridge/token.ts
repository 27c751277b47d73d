const TOKEN_KEY = 'fleetscope.token';

/** Where the token comes from and where it goes; the browser's own objects in production. */
export type TokenEnv = {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
};

/** Keeps a token for this tab (the token form writes it here before reloading); false when storage refused it. */
export const storeToken = (storage: TokenEnv['storage'], token: string): boolean => {
  try {
    if (!storage) return false;
    storage.setItem(TOKEN_KEY, token);
    return true;
  } catch {
    // Storage can be disabled; the token still works for this page's lifetime, and the caller says so.
    return false;
  }
};

/**
 * Reads the API token that `fleetscope serve` puts in the URL (`#token=…`), keeps it in
 * sessionStorage so a reload still works, and strips it from the address bar so it does not end
 * up in screenshots, history or a shared link. Falls back to the stored token.
 */
export const takeToken = ({ location, history, storage }: TokenEnv): string | null => {
  // `#token=…` as `serve` prints it, or `#/route?…&token=…` when a route came with it.
  const hash = location.hash.replace(/^#/, '');
  const q = hash.startsWith('/') ? hash.indexOf('?') : -1;
  const path = hash.startsWith('/') ? (q === -1 ? hash : hash.slice(0, q)) : '';
  const params = new URLSearchParams(hash.startsWith('/') ? (q === -1 ? '' : hash.slice(q + 1)) : hash);
  const fromHash = params.get('token');
  if (fromHash) {
    storeToken(storage, fromHash);
    params.delete('token');
    const rest = params.toString();
    const nextHash = path ? `#${path}${rest ? `?${rest}` : ''}` : rest ? `#${rest}` : '';
    history.replaceState(history.state, '', `${location.pathname}${location.search}${nextHash}`);
    return fromHash;
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
};

/** `scheme://user:password@host`: credentials written into a URL (no URL class here: shared/ has neither DOM nor Node). */
export const hasUserInfo = (url: string): boolean => /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url.trim());

export const USERINFO_REFUSED =
  'must not carry a user name or password (user:password@host): a URL is shown, logged and written to the config file. ' +
  'Give Bitbucket credentials as read/admin, and a proxy password through HTTPS_PROXY in the environment.';

/** `http://user:secret@proxy:3128` → `http://user:***@proxy:3128`: a password in a URL is never shown. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_m, scheme: string, info: string) => {
    const user = info.split(':')[0] ?? '';
    return `${scheme}${user ? `${user}:` : ''}***@`;
  });
}

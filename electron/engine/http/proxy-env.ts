/** What the environment says about proxies: `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY` (either case). */
export interface ProxyEnv {
  httpProxy: string | undefined;
  httpsProxy: string | undefined;
  noProxy: string | undefined;
}

export function readProxyEnv(env: NodeJS.ProcessEnv): ProxyEnv {
  const pick = (name: string): string | undefined => {
    const v = env[name.toLowerCase()] ?? env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  return { httpProxy: pick('HTTP_PROXY'), httpsProxy: pick('HTTPS_PROXY'), noProxy: pick('NO_PROXY') };
}

/**
 * The proxy the environment names for a URL, or undefined when none applies. NO_PROXY follows
 * the common convention (curl, undici): comma- or space-separated entries, `*` for all, a host
 * (`bitbucket.example.com`), a domain suffix (`.example.com` or `*.example.com`), optional `:port`.
 */
export function envProxyFor(url: URL, env: ProxyEnv): string | undefined {
  const proxy = url.protocol === 'https:' ? (env.httpsProxy ?? env.httpProxy) : env.httpProxy;
  if (!proxy) return undefined;
  return bypassed(url, env.noProxy) ? undefined : proxy;
}

function bypassed(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\*\./, '.'));
    const name = (m?.[1] ?? entry).replace(/^\[|\]$/g, '');
    if (m?.[2] && m[2] !== port) continue;
    if (name.startsWith('.') ? host === name.slice(1) || host.endsWith(name) : host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

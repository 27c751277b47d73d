import type { Dispatcher as DispatcherType } from 'undici';
import api from 'undici/lib/api/index.js';
import undiciUtil from 'undici/lib/core/util.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';

/**
 * undici without its index: the index also loads fetch, cookies, caches, web sockets and mocks,
 * ≈ 45 ms of CPU more at every start (issue 13 item 7). Its one side effect is kept: the API
 * methods on every dispatcher (a ProxyAgent's tunnel goes through `connect`).
 */
Object.assign(Dispatcher.prototype, api);

export { default as Pool } from 'undici/lib/dispatcher/pool.js';
export { default as ProxyAgent } from 'undici/lib/dispatcher/proxy-agent.js';

/** undici's `request(url, opts)`: its index's URL check and origin/path split, then the request on `dispatcher`. */
export function request(
  url: string,
  opts: Omit<DispatcherType.RequestOptions, 'origin' | 'path'> & { dispatcher: DispatcherType },
): Promise<DispatcherType.ResponseData> {
  const parsed = undiciUtil.parseURL(url);
  return api.request.call(opts.dispatcher, { ...opts, origin: parsed.origin, path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname });
}

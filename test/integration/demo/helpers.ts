import { afterEach } from 'vitest';
import { Agent, request } from 'undici';
import { startDemoFleet, type DemoFleet, type DemoFleetOptions, type DemoPrimaryEndpoint } from '../../../electron/demo';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are checked field by field
}

export interface Harness {
  fleet: DemoFleet;
  primary: DemoPrimaryEndpoint;
  /** Real HTTP through one keep-alive agent, as the engine's client would. */
  call(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Reply>;
}

/** Registers cleanup for the fleets and agents a test starts; call once at the top of a test file. */
export function useDemoFleets(): (options?: DemoFleetOptions) => Promise<Harness> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (options = {}) => {
    const fleet = await startDemoFleet(options);
    const agent = new Agent({ keepAliveTimeout: 10_000 });
    cleanups.push(async () => {
      await fleet.stop();
      await agent.destroy();
    });
    const primary = fleet.primaries[0];
    if (!primary) throw new Error('The demo fleet started without primaries.');
    return { fleet, primary, call: (url, init) => call(agent, url, init) };
  };
}

export async function call(dispatcher: Agent, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const res = await request(url, {
    dispatcher,
    method: (init.method ?? 'GET') as 'GET',
    ...(init.headers ? { headers: init.headers } : {}),
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

export const bearer = (p: DemoPrimaryEndpoint): Record<string, string> => ({ authorization: `Bearer ${p.read.token}` });

export const basic = (username: string, password: string): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
});

export const admin = (p: DemoPrimaryEndpoint): Record<string, string> => basic(p.admin.username, p.admin.password);

/** Repositories of every page of `/repos`, walked the way a client must: by nextPageStart. */
export async function walkRepos(
  h: Harness,
  query = 'archived=ALL',
): Promise<{ id: number; slug: string; state: string; archived: boolean; project: { key: string }; hierarchyId: string }[]> {
  const all = [];
  let start: number | undefined = 0;
  while (start !== undefined) {
    const page = (await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos?${query}&start=${start}`, { headers: bearer(h.primary) })).json();
    all.push(...page.values);
    start = page.isLastPage ? undefined : page.nextPageStart;
  }
  return all;
}

export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

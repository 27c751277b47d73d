import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FleetApiError, REQUEST_NAMES, requestChannel, type Outcome, type RequestName } from '../../../shared/contract';
import type { FleetHandlers } from '../../../electron/engine/handlers';
import { createDispatch } from '../../../electron/host/dispatch';
import { appPaths, isAppPageUrl } from '../../../electron/main/app-paths';
import { registerIpc } from '../../../electron/main/ipc/register';
import { startServer, type RunningServer } from '../../../electron/server/server';
import { FakeWebContents, ipcMain, resetFakeElectron } from '../../unit/main/fake-electron';
import { VALID_ARGS, requestNamesWithoutValidArgs } from '../../helpers/valid-args';

vi.mock('electron', () => import('../../unit/main/fake-electron'));

const quiet = { warn: () => undefined, error: () => undefined };
const { pageUrl } = appPaths('/opt/fleetscope/dist-electron');

/** Every handler fails: an unexpected error for most, a FleetApiError for a few, as engines do. */
const failing = Object.fromEntries(
  REQUEST_NAMES.map((name, i) => [
    name,
    async () => {
      if (i % 3 === 0) throw new FleetApiError('conflict', `${name} conflicts with the fleet`);
      throw new Error(`${name} broke`);
    },
  ]),
) as unknown as FleetHandlers;

let server: RunningServer;
let ours: FakeWebContents;

beforeAll(async () => {
  const dispatch = createDispatch(failing, quiet);
  server = await startServer({ host: { dispatch, on: () => () => undefined }, staticDir: '/nonexistent', port: 0, token: 'parity-token-0123456789' });
  resetFakeElectron();
  ours = new FakeWebContents(`${pageUrl}#/overview`);
  registerIpc({ host: { dispatch }, senders: { isAppPage: (url) => isAppPageUrl(url, pageUrl), isOurWindow: () => true }, log: quiet });
});
afterAll(() => server.close());

async function overHttp(name: RequestName, args: unknown): Promise<{ code: string; message: string }> {
  const res = await fetch(`${server.url}api/${name}`, {
    method: 'POST',
    headers: { authorization: 'Bearer parity-token-0123456789', 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  expect(res.status).toBeGreaterThanOrEqual(400);
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

async function overIpc(name: RequestName, args: unknown): Promise<{ code: string; message: string }> {
  const handler = ipcMain.handlers.get(requestChannel(name))!;
  const outcome = (await handler({ sender: ours, senderFrame: ours.mainFrame }, args)) as Outcome<unknown>;
  if (outcome.ok) throw new Error(`${name} answered ok over IPC`);
  return outcome.error;
}

describe('one dispatch, two transports', () => {
  it('every request has valid example arguments for these tests', () => {
    expect(requestNamesWithoutValidArgs()).toEqual([]);
  });

  it.each(REQUEST_NAMES.map((n) => [n]))('%s: the same bad arguments get the same code and message over HTTP and IPC', async (name) => {
    const bad = { ...(VALID_ARGS[name] as object), bogusField: 1 };
    const http = await overHttp(name, bad);
    expect(http.code).toBe('invalid-argument');
    expect(http.message).toMatch(/bogusField/);
    expect(await overIpc(name, bad)).toEqual(http);
  });

  it.each(REQUEST_NAMES.map((n) => [n]))('%s: the same failing handler gets the same code and message over HTTP and IPC', async (name) => {
    const http = await overHttp(name, VALID_ARGS[name]);
    expect(http.message).toMatch(new RegExp(`^${name} (conflicts with the fleet|broke)$`));
    expect(await overIpc(name, VALID_ARGS[name])).toEqual(http);
  });
});

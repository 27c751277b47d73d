import { ConfigError } from '../engine/config/load-config';
import { startRemoteHost } from '../host/remote-host';
import { startServer } from '../server/server';
import type { TokenEntry } from '../server/tokens';
import { openInBrowser } from './open-browser';
import { rendererDir } from './app-root';

export interface ClientServeOptions {
  collector: string;
  caFile: string | undefined;
  env: NodeJS.ProcessEnv;
  bindHost: string;
  port: number;
  open: boolean;
  access: { token: string; teamTokens: TokenEntry[]; tls?: { cert: string; key: string } };
  stopRequested: Promise<void>;
  log: (line: string) => void;
}

/**
 * `serve --collector URL`: this Fleetscope polls nothing itself; it serves the UI over a team
 * collector's fleet, with the collector's token (FLEETSCOPE_COLLECTOR_TOKEN), so what the user
 * may do is what that token may do there.
 */
export async function serveClient(opts: ClientServeOptions): Promise<number> {
  const token = opts.env['FLEETSCOPE_COLLECTOR_TOKEN'];
  if (!token) {
    throw new ConfigError(
      "--collector needs the collector's token in FLEETSCOPE_COLLECTOR_TOKEN (an admin or viewer token its operator gave you); it is not taken on the command line, where other users could read it.",
    );
  }
  const host = await startRemoteHost({ url: opts.collector, token, caFile: opts.caFile, log: opts.log });
  let server;
  try {
    server = await startServer({ host, staticDir: rendererDir(), bindHost: opts.bindHost, port: opts.port, ...opts.access, log: opts.log });
  } catch (err) {
    await host.stop();
    throw err;
  }
  const { tokenName, role } = host.link();
  opts.log(`Watching the team collector at ${new URL(opts.collector).origin} as ${tokenName} (${role}); this Fleetscope polls nothing itself.`);
  process.stdout.write(`${server.readyLine}\n`);
  if (opts.open && !(await openInBrowser(`${server.url}#token=${server.token}`))) {
    process.stdout.write(`No browser could be opened here; open the URL above yourself.\n`);
  }
  await opts.stopRequested;
  await server.close();
  await host.stop();
  return 0;
}

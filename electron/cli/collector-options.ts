import { readFileSync } from 'node:fs';
import { ConfigError } from '../engine/config/config-error';
import { tokensFromEnv, type TokenEntry } from '../server/tokens';

/** `--metrics-port`, checked before anything starts. */
export function parseMetricsPort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`--metrics-port must be a whole number from 0 to 65535, not "${text}".`);
  return port;
}

export interface CollectorFlags {
  host: string;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  insecureNoTls?: boolean | undefined;
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Who may call the collector and over what: the owner's token and the team's named tokens, and
 * TLS, which a bind beyond loopback requires unless the person starting it opts out loudly.
 */
export function collectorAccess(
  flags: CollectorFlags,
  env: NodeJS.ProcessEnv,
  warn: (m: string) => void,
): { token: string; teamTokens: TokenEntry[]; tls?: { cert: string; key: string } } {
  const { owner, team } = tokensFromEnv(env);
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined)) throw new ConfigError('--tls-cert and --tls-key go together: give both files (PEM).');
  let tls: { cert: string; key: string } | undefined;
  if (flags.tlsCert !== undefined && flags.tlsKey !== undefined) {
    tls = { cert: readPem(flags.tlsCert, '--tls-cert'), key: readPem(flags.tlsKey, '--tls-key') };
  }
  if (!isLoopback(flags.host) && !tls) {
    if (!flags.insecureNoTls) {
      throw new ConfigError(
        `Listening on ${flags.host} reaches beyond this machine, so the tokens would cross the network in clear text. ` +
          'Give --tls-cert FILE --tls-key FILE, or put a TLS proxy in front and pass --insecure-no-tls.',
      );
    }
    const line = '!'.repeat(100);
    warn(
      `${line}\nINSECURE: serving plain HTTP on ${flags.host} (--insecure-no-tls). Tokens and fleet data cross the network unencrypted;\nanyone on the path can take an admin token. Use this only behind a TLS-terminating proxy on the same host.\n${line}`,
    );
  }
  return { token: owner, teamTokens: team, ...(tls ? { tls } : {}) };
}

function readPem(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${flag}: cannot read ${file}: ${(err as Error).message}`);
  }
}

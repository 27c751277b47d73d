import { readFileSync } from 'node:fs';
import type { CredentialInput, SecretInput } from '../../../shared/model';
import { ENV_REF } from '../config/fleet-config-schema';
import { ConfigError } from '../config/load-config';
import { VAULT_REF } from '../config/write-config';
import type { Credential } from '../http/bitbucket-client-contract';
import type { SecretStore } from '../secrets/secret-store';
import type { StoredPrimary } from './stored-config';

/** Where a Settings form's "keep the stored secret" or `${env:NAME}` choice is read from. */
export interface SecretSources {
  env: NodeJS.ProcessEnv;
  secrets: SecretStore | undefined;
}

/** A form's credential as the engine uses it: a typed value, a kept stored secret, or an environment variable's. */
export function resolveCredential(input: CredentialInput, previous: StoredPrimary['read'], deps: SecretSources): Credential | undefined {
  if (input.kind === 'none') return undefined;
  const prevSecret = previous === undefined ? undefined : 'token' in previous ? previous.token : previous.password;
  const secret = resolveSecret(input.kind === 'token' ? input.token : input.password, prevSecret, deps);
  return input.kind === 'token' ? { kind: 'bearer', token: secret } : { kind: 'basic', username: input.username, password: secret };
}

function resolveSecret(input: SecretInput, previous: string | undefined, deps: SecretSources): string {
  if ('value' in input) return input.value;
  const ref = 'env' in input ? `\${env:${input.env}}` : previous;
  if (ref === undefined) throw new ConfigError('There is no stored secret to keep; enter it.');
  const env = ENV_REF.exec(ref);
  if (env) {
    const v = deps.env[env[1]!];
    if (!v) throw new ConfigError(`The environment variable ${env[1]} is not set where Fleetscope runs.`);
    return v;
  }
  const vault = VAULT_REF.exec(ref);
  if (vault) {
    const v = deps.secrets?.get(vault[1]!);
    if (v === undefined) throw new ConfigError('The stored secret is not in the vault any more; enter it again.');
    return v;
  }
  return ref;
}

export function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read the CA file ${path}: ${(err as Error).message}`);
  }
}

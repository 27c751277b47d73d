import { AsyncLocalStorage } from 'node:async_hooks';
import type { Credential } from './bitbucket-client';

/**
 * An admin credential entered for one action and kept only in memory: the action runs inside
 * `withOneTimeAdmin`, and every write it makes uses this credential instead of the configured one.
 */
const current = new AsyncLocalStorage<Credential>();

export const withOneTimeAdmin = <T>(credential: Credential, fn: () => Promise<T>): Promise<T> => current.run(credential, fn);

export const oneTimeAdmin = (): Credential | undefined => current.getStore();

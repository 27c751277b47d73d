import { describe, expect, it } from 'vitest';
import type { FleetHost } from '../../../electron/host/host-types';
import { pendingHost } from '../../../electron/host/pending-host';
import { deferred } from '../../helpers/deferred';

type Served = Pick<FleetHost, 'dispatch' | 'on'>;

/** A host that answers every request with its name and keeps its listeners, to be resolved by the test. */
const fakeHost = () => {
  const listeners: Array<(payload: unknown) => void> = [];
  const host: Served = {
    dispatch: async (name) => ({ ok: true, value: name }),
    on: (_event, listener) => {
      listeners.push(listener as (payload: unknown) => void);
      return () => void listeners.splice(listeners.indexOf(listener as (payload: unknown) => void), 1);
    },
  };
  return { host, listeners };
};

describe('a host still starting, as the server sees it', () => {
  it('holds requests until the host is there, then answers them from it', async () => {
    const start = deferred<Served>();
    const pending = pendingHost(start.promise);
    let answered = false;
    const answer = pending.dispatch('getSnapshot', {}).then((o) => {
      answered = true;
      return o;
    });
    await Promise.resolve();
    expect(answered).toBe(false);
    start.resolve(fakeHost().host);
    expect(await answer).toEqual({ ok: true, value: 'getSnapshot' });
  });

  it('subscribes once the host is there, and not at all when unsubscribed before', async () => {
    const start = deferred<Served>();
    const { host, listeners } = fakeHost();
    const pending = pendingHost(start.promise);
    const heard: unknown[] = [];
    pending.on('demo', (p) => heard.push(p));
    const offEarly = pending.on('hostLink', () => heard.push('never'));
    offEarly();
    start.resolve(host);
    await pending.dispatch('getSession', {});
    expect(listeners).toHaveLength(1);
    listeners[0]!('a demo state');
    expect(heard).toEqual(['a demo state']);
  });

  it('answers with why when the host failed to start', async () => {
    const start = deferred<Served>();
    const pending = pendingHost(start.promise);
    start.reject(new Error('the demo fleet could not listen'));
    const outcome = await pending.dispatch('getSnapshot', {});
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Fleetscope could not start watching the fleet (the demo fleet could not listen); see its console.' },
    });
  });
});

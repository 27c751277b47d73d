// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import type { Bridge } from '../../renderer/bridge/api';
import { BridgeContext } from '../../renderer/bridge/bridge-context';
import { useBridgeQuery } from '../../renderer/bridge/use-bridge-query';
import { QueryStatus } from '../../renderer/components/query-status';
import { createFakeBridge } from './fixtures';
import { deferred } from '../helpers/deferred';

afterEach(cleanup);

type Probe = { key: string; version: number; keepPrevious?: boolean };
let setProbe: (p: Probe) => void = () => undefined;

/** Shows what the hook reports for a read keyed by `key` and refreshed by `version`. */
const Reader = ({ read, initial }: { read(key: string): Promise<string>; initial: Probe }) => {
  const [probe, set] = useState(initial);
  setProbe = set;
  const q = useBridgeQuery({
    key: ['probe', probe.key],
    refreshOn: [probe.version],
    keepPrevious: probe.keepPrevious ?? false,
    what: 'the probe',
    read: () => read(probe.key),
  });
  return (
    <div>
      <span data-testid="data">{q.data ?? 'none'}</span>
      <span data-testid="flags">{`loading=${q.loading} stale=${q.stale}`}</span>
      <QueryStatus query={q} />
    </div>
  );
};

const mount = (read: (key: string) => Promise<string>, initial: Probe, bridge: Bridge = createFakeBridge()) =>
  render(
    <BridgeContext.Provider value={bridge}>
      <Reader read={read} initial={initial} />
    </BridgeContext.Provider>,
  );

const flags = () => screen.getByTestId('flags').textContent;
const data = () => screen.getByTestId('data').textContent;

describe('useBridgeQuery: loading, error and stale states written once', () => {
  it('says it is loading until the first answer, then shows it', async () => {
    const answer = deferred<string>();
    mount(() => answer.promise, { key: 'a', version: 1 });
    expect(flags()).toBe('loading=true stale=false');
    expect(screen.getByTestId('query-loading').textContent).toBe('Loading the probe…');
    act(() => answer.resolve('A1'));
    await waitFor(() => expect(data()).toBe('A1'));
    expect(flags()).toBe('loading=false stale=false');
    expect(screen.queryByTestId('query-loading')).toBeNull();
  });

  it('one error format; the last good answer stays visible, marked stale, when a re-read fails', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let n = 0;
    mount(() => answers[n++]!.promise, { key: 'a', version: 1 });
    act(() => answers[0]!.resolve('A1'));
    await waitFor(() => expect(data()).toBe('A1'));
    act(() => setProbe({ key: 'a', version: 2 }));
    // A refresh keeps what is shown: not loading, not stale.
    await waitFor(() => expect(n).toBe(2));
    expect(flags()).toBe('loading=false stale=false');
    act(() => answers[1]!.reject(new FleetApiError('network', 'The engine did not answer.')));
    await waitFor(() =>
      expect(screen.getByTestId('query-error').textContent).toBe('Could not read the probe: The engine did not answer. Showing the last answer.'),
    );
    expect(data()).toBe('A1');
    expect(flags()).toBe('loading=false stale=true');
  });

  it('an answer that arrives after the key changed is never shown under the new key', async () => {
    const byKey = new Map([
      ['a', deferred<string>()],
      ['b', deferred<string>()],
    ]);
    mount((key) => byKey.get(key)!.promise, { key: 'a', version: 1 });
    act(() => setProbe({ key: 'b', version: 1 }));
    act(() => byKey.get('a')!.resolve('late answer for a'));
    await act(async () => {
      await byKey.get('a')!.promise;
    });
    expect(data()).toBe('none');
    expect(flags()).toBe('loading=true stale=false');
    act(() => byKey.get('b')!.resolve('B1'));
    await waitFor(() => expect(data()).toBe('B1'));
  });

  it('keepPrevious shows the previous key as stale while the next loads', async () => {
    const byKey = new Map([
      ['a', deferred<string>()],
      ['b', deferred<string>()],
    ]);
    mount((key) => byKey.get(key)!.promise, { key: 'a', version: 1, keepPrevious: true });
    act(() => byKey.get('a')!.resolve('A1'));
    await waitFor(() => expect(data()).toBe('A1'));
    act(() => setProbe({ key: 'b', version: 1, keepPrevious: true }));
    expect(data()).toBe('A1');
    expect(flags()).toBe('loading=false stale=true');
    act(() => byKey.get('b')!.resolve('B1'));
    await waitFor(() => expect(data()).toBe('B1'));
    expect(flags()).toBe('loading=false stale=false');
  });

  it('an error that is not a FleetApiError still reads as words', async () => {
    mount(() => Promise.reject(new TypeError('Failed to fetch')), { key: 'a', version: 1 });
    await waitFor(() => expect(screen.getByTestId('query-error').textContent).toBe('Could not read the probe: Failed to fetch'));
    expect(flags()).toBe('loading=false stale=false');
  });
});

// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../renderer/bridge/bridge';
import { FleetApiError } from '../../shared/contract';
import { waitFor } from '@testing-library/react';
import { diffJson } from '../../shared/logic/json-patch';
import { createFakePreload, makeDemoState, makePrimary, makeSnapshot, T0 } from './fixtures';

afterEach(() => {
  delete window.fleet;
  vi.unstubAllGlobals();
});

describe('IPC bridge', () => {
  it('is chosen when the preload exposes window.fleet, and never touches fetch', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    window.fleet = createFakePreload();
    const bridge = createBridge();
    expect(bridge.transport).toBe('ipc');
    expect(bridge.connection()).toEqual({ state: 'live', message: null });
    await expect(bridge.getSnapshot({})).resolves.toEqual(makeSnapshot());
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('unwraps ok Outcomes and passes the arguments through', async () => {
    const preload = createFakePreload();
    const bridge = createBridge({ fleet: preload });
    const args = { targetId: 'prod', fault: { kind: 'node-down', node: 'bb-node-2' }, enabled: true } as const;
    await expect(bridge.setDemoFault(args)).resolves.toEqual(makeDemoState());
    expect(preload.setDemoFault).toHaveBeenCalledWith(args);
  });

  it('throws a FleetApiError carrying the code of an ok:false Outcome', async () => {
    const preload = createFakePreload();
    preload.pollNow.mockResolvedValue({ ok: false, error: { code: 'rate-limited', message: 'Slow down' } });
    const error = await createBridge({ fleet: preload })
      .pollNow({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetApiError);
    expect(error).toMatchObject({ code: 'rate-limited', message: 'Slow down' });
  });

  it('rejects results that do not match the contract', async () => {
    const preload = createFakePreload();
    preload.getDemoState.mockResolvedValue({ ok: true, value: { speed: -1, primaries: [] } });
    await expect(createBridge({ fleet: preload }).getDemoState({})).rejects.toMatchObject({ code: 'malformed' });
  });

  it('validates pushed payloads, dropping and logging invalid ones', () => {
    const preload = createFakePreload();
    const logger = { warn: vi.fn() };
    const bridge = createBridge({ fleet: preload, logger });
    const received: unknown[] = [];
    const off = bridge.on('demo', (s) => received.push(s));

    preload.emit('demo', { nonsense: true });
    preload.emit('demo', makeDemoState());
    expect(received).toEqual([makeDemoState()]);
    expect(logger.warn).toHaveBeenCalledTimes(1);

    off();
    preload.emit('demo', makeDemoState());
    expect(received).toHaveLength(1);
  });

  it('turns a full copy and its patches into whole, validated snapshots', () => {
    const preload = createFakePreload();
    const bridge = createBridge({ fleet: preload, logger: { warn: vi.fn() } });
    const received: unknown[] = [];
    bridge.on('snapshot', (s) => received.push(s));
    const first = makeSnapshot();
    const next = makeSnapshot({ generatedAt: T0 + 15_000, primaries: [makePrimary({ lastPollAt: T0 + 15_000 })] });
    preload.emit('snapshotPush', { kind: 'full', version: 1, snapshot: first });
    preload.emit('snapshotPush', { kind: 'patch', base: 1, version: 2, ops: diffJson(first, next) });
    expect(received).toEqual([first, next]);
    expect(preload.getSnapshot).not.toHaveBeenCalled();
  });

  it('asks for the snapshot when a patch does not build on what the page holds', async () => {
    const preload = createFakePreload();
    const logger = { warn: vi.fn() };
    const bridge = createBridge({ fleet: preload, logger });
    const received: unknown[] = [];
    bridge.on('snapshot', (s) => received.push(s));
    preload.emit('snapshotPush', { kind: 'full', version: 1, snapshot: makeSnapshot() });
    preload.emit('snapshotPush', { kind: 'patch', base: 2, version: 3, ops: [{ op: 's', p: ['generatedAt'], v: T0 + 1 }] });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/version 2 while this page holds version 1/));
    await waitFor(() => expect(received).toHaveLength(2));
    expect(preload.getSnapshot).toHaveBeenCalledOnce();
  });
});

// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../renderer/bridge/bridge';
import { FleetApiError } from '../../shared/contract';
import { createFakePreload, makeDemoState, makeSnapshot } from './fixtures';

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
    const off = bridge.on('snapshot', (s) => received.push(s));

    preload.emit('snapshot', { nonsense: true });
    preload.emit('snapshot', makeSnapshot());
    expect(received).toEqual([makeSnapshot()]);
    expect(logger.warn).toHaveBeenCalledTimes(1);

    off();
    preload.emit('snapshot', makeSnapshot());
    expect(received).toHaveLength(1);
  });
});

import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startAlertNotifications } from '../../../electron/main/alert-notifications';
import type { FleetHost } from '../../../electron/host/host-types';
import type { Snapshot } from '../../../shared/model';
import { ALERT_DISK_GUARD, ALERT_DOWN, makePrimary, makeSnapshot, T0 } from '../../helpers/snapshot-fixtures';
import { FakeNotification, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const down = ALERT_DOWN;
const guard = ALERT_DISK_GUARD;

function fakeHost() {
  const emitter = new EventEmitter();
  const host: Pick<FleetHost, 'on'> = {
    on: (event, listener) => {
      emitter.on(event, listener);
      return () => void emitter.off(event, listener);
    },
  };
  return { host, push: (s: Snapshot) => emitter.emit('snapshot', s) };
}

beforeEach(() => resetFakeElectron());

describe('desktop alert notifications (main process)', () => {
  it("shows Electron's Notification for a new critical alert, once, and a click opens the page that explains it", () => {
    let clock = T0;
    const { host, push } = fakeHost();
    const openRoute = vi.fn();
    const stop = startAlertNotifications({ host, openRoute, now: () => clock });
    push(makeSnapshot({ primaries: [makePrimary()] }));
    clock += 1_000;
    push(makeSnapshot({ alerts: [down] }));
    clock += 1_000;
    push(makeSnapshot({ alerts: [down] }));
    expect(FakeNotification.shown.map((n) => n.options)).toEqual([{ title: 'Critical: Production is down', body: 'Connection refused' }]);
    FakeNotification.shown[0]?.emit('click');
    expect(openRoute).toHaveBeenCalledWith('#/overview?primary=prod');
    stop();
  });

  it('groups what comes within the rate limit, and never notifies a silenced alert', () => {
    let clock = T0;
    const { host, push } = fakeHost();
    const stop = startAlertNotifications({ host, openRoute: vi.fn(), now: () => clock, flushEveryMs: 60_000 });
    push(makeSnapshot());
    clock += 1;
    push(makeSnapshot({ alerts: [down] }));
    clock += 1_000;
    const silence = { id: 's', matcher: { targetId: 'prod' }, createdBy: 'a', comment: '', startsAt: T0, endsAt: T0 + 1e9, expiredAt: null };
    push(makeSnapshot({ alerts: [down, { ...guard, silence }] }));
    clock += 40_000;
    push(makeSnapshot({ alerts: [down, guard, { ...guard, id: 'prod:other', title: 'Other' }] }));
    expect(FakeNotification.shown.map((n) => n.options.body)).toEqual(['Connection refused', 'Disk — and 1 more alert']);
    stop();
  });
});

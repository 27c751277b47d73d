import { afterEach, describe, expect, it } from 'vitest';
import { openAuditLog, type AuditLog } from '../../../../electron/engine/audit/audit-log';
import { alertHandlers } from '../../../../electron/engine/events/alert-handlers';
import { createFleetRecorder } from '../../../../electron/engine/events/fleet-recorder';
import { openHistoryStore, type HistoryStore } from '../../../../electron/engine/store/history-store';
import { isMuted } from '../../../../shared/logic/alert-lifecycle';
import type { Alert, Snapshot } from '../../../../shared/model';
import { ALERT_DISK_GUARD, ALERT_DOWN, makeSnapshot, T0 } from '../../../helpers/snapshot-fixtures';

const down = ALERT_DOWN;
const guard = ALERT_DISK_GUARD;

let store: HistoryStore;
let audit: AuditLog;
afterEach(() => {
  store.close();
  audit.close();
});

function setup() {
  let clock = T0;
  store = openHistoryStore({ path: ':memory:' });
  audit = openAuditLog(':memory:');
  const recorder = createFleetRecorder({ store, audit, now: () => clock });
  const handlers = alertHandlers({
    store,
    audit,
    recorder,
    localCaller: { name: 'alice (desktop)', role: 'admin' },
    now: () => clock,
    snapshot: () => makeSnapshot(),
  });
  const publish = (alerts: Alert[]): Snapshot => recorder.publish(makeSnapshot({ generatedAt: clock, alerts }));
  return { recorder, handlers, publish, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('alert lifecycle', () => {
  it('keeps each firing period: fired, acknowledged, resolved; an acknowledgement ends with its firing', async () => {
    const t = setup();
    t.publish([]);
    t.publish([down]);
    t.advance(1_000);
    const { ack, auditId } = await t.handlers.acknowledgeAlert({ fingerprint: 'prod:down', note: 'on it' });
    expect(ack).toEqual({ by: 'alice (desktop)', at: T0 + 1_000, note: 'on it' });
    expect(audit.list({ limit: 1 })[0]).toMatchObject({ id: auditId, action: 'acknowledgeAlert', outcome: 'succeeded', credential: null });
    const muted = t.publish([down]).alerts[0];
    expect(muted?.ack).toEqual(ack);
    expect(isMuted(muted ?? down)).toBe(true);
    t.advance(60_000);
    t.publish([]);
    t.advance(1_000);
    // Fires again: a new period, not acknowledged.
    expect(t.publish([down]).alerts[0]?.ack).toBeNull();
    const history = (await t.handlers.getAlertHistory({ limit: 10 })).alerts;
    expect(history.map((r) => [r.firedAt, r.resolvedAt, r.ack?.note ?? null])).toEqual([
      [T0 + 62_000, null, null],
      [T0, T0 + 61_000, 'on it'],
    ]);
  });

  it('refuses to acknowledge an alert that is not firing, and audits the refusal', async () => {
    const t = setup();
    t.publish([]);
    await expect(t.handlers.acknowledgeAlert({ fingerprint: 'prod:down', note: '' })).rejects.toThrow(/No alert "prod:down" is firing now/);
    expect(audit.list({ limit: 1 })[0]).toMatchObject({ action: 'acknowledgeAlert', outcome: 'failed' });
  });

  it('a silence mutes what its matcher matches until it expires by the injected clock, then the alert is live again', async () => {
    const t = setup();
    t.publish([down, guard]);
    const { silence } = await t.handlers.silenceAlerts({
      matcher: { targetId: 'prod', rule: 'cache-disk-guard' },
      durationSeconds: 300,
      comment: 'disk being replaced',
    });
    expect(silence).toMatchObject({ startsAt: T0, endsAt: T0 + 300_000, createdBy: 'alice (desktop)', expiredAt: null });
    const during = t.publish([down, guard]);
    expect(during.alerts.map((a) => [a.id, a.silence?.id ?? null])).toEqual([
      ['prod:down', null],
      ['prod:cache-disk-guard', silence.id],
    ]);
    expect(during.silences).toEqual([silence]);
    t.advance(299_999);
    expect(t.publish([down, guard]).alerts[1]?.silence?.id).toBe(silence.id);
    t.advance(1);
    const after = t.publish([down, guard]);
    expect(after.alerts[1]?.silence).toBeNull();
    expect(after.silences).toEqual([]);
  });

  it('a silence by target alone mutes every alert of it; Unsilence ends it at once; a viewer is refused', async () => {
    const t = setup();
    t.publish([down, guard]);
    const { silence } = await t.handlers.silenceAlerts({ matcher: { targetId: 'prod' }, durationSeconds: 3600, comment: '' });
    expect(t.publish([down, guard]).alerts.every((a) => a.silence?.id === silence.id)).toBe(true);
    await expect(t.handlers.expireSilence({ silenceId: silence.id }, { name: 'bob', role: 'viewer' })).rejects.toThrow(
      /bob may only view this Fleetscope: actions need an admin token/,
    );
    t.advance(5_000);
    const { silence: ended } = await t.handlers.expireSilence({ silenceId: silence.id });
    expect(ended.expiredAt).toBe(T0 + 5_000);
    expect(t.publish([down, guard]).alerts.every((a) => a.silence === null)).toBe(true);
    expect(audit.list({ limit: 5 }).map((e) => [e.action, e.outcome])).toEqual([
      ['expireSilence', 'succeeded'],
      ['silenceAlerts', 'succeeded'],
    ]);
  });

  it('silences and acknowledgements survive a restart (they live in the history store)', async () => {
    const t = setup();
    t.publish([down]);
    await t.handlers.acknowledgeAlert({ fingerprint: 'prod:down', note: '' });
    await t.handlers.silenceAlerts({ matcher: { rule: 'down' }, durationSeconds: 60, comment: '' });
    const again = createFleetRecorder({ store, audit, now: t.now });
    const marked = again.publish(makeSnapshot({ alerts: [down] })).alerts[0];
    expect(marked?.ack?.by).toBe('alice (desktop)');
    expect(marked?.silence?.matcher).toEqual({ rule: 'down' });
  });

  it('records the events of each publish, and the events request filters them', async () => {
    const t = setup();
    t.publish([]);
    t.advance(1_000);
    t.publish([down]);
    t.advance(1_000);
    t.publish([]);
    const all = await t.handlers.getEvents({ includeDemo: true, order: 'desc', limit: 10 });
    expect(all.events.map((e) => e.kind)).toEqual(['alert-resolved', 'alert-opened']);
    const critical = await t.handlers.getEvents({ severities: ['critical'], includeDemo: true, order: 'asc', limit: 10 });
    expect(critical.events.map((e) => e.text)).toEqual(['Alert: Production is down']);
    const limited = await t.handlers.getEvents({ includeDemo: true, order: 'asc', limit: 1, from: T0, to: T0 + 5_000, targetIds: ['prod'] });
    expect(limited).toMatchObject({ truncated: true, events: [{ kind: 'alert-opened' }] });
  });
});

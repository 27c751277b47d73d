import { describe, expect, it } from 'vitest';
import { createAlertNotifier } from '../../../../shared/logic/alert-notifier';
import type { Alert, Silence } from '../../../../shared/model';

const alert = (id: string, severity: Alert['severity'] = 'critical', over: Partial<Alert> = {}): Alert => ({
  id,
  severity,
  targetId: 'prod',
  title: `Alert ${id}`,
  message: `Why ${id}`,
  since: 0,
  ...over,
});
const silence: Silence = { id: 's', matcher: { targetId: 'prod' }, createdBy: 'a', comment: '', startsAt: 0, endsAt: 1e12, expiredAt: null };

describe('alert notifier', () => {
  it('takes the first snapshot as a baseline, then notifies a new critical alert once', () => {
    let clock = 0;
    const n = createAlertNotifier({ now: () => clock });
    expect(n.observe({ alerts: [alert('old')] })).toBeNull();
    clock = 1_000;
    expect(n.observe({ alerts: [alert('old'), alert('new')] })).toMatchObject({ title: 'Critical: Alert new', body: 'Why new', alertIds: ['new'] });
    clock = 100_000;
    expect(n.observe({ alerts: [alert('old'), alert('new')] })).toBeNull();
  });

  it('never notifies info, silenced or acknowledged alerts', () => {
    const n = createAlertNotifier({ now: () => 0 });
    n.observe({ alerts: [] });
    const muted = [alert('i', 'info'), alert('s', 'critical', { silence }), alert('a', 'warning', { ack: { by: 'a', at: 0, note: '' } })];
    expect(n.observe({ alerts: muted })).toBeNull();
  });

  it('one notification per interval; the rest wait and are grouped, worst first, as "and N more"', () => {
    let clock = 0;
    const n = createAlertNotifier({ now: () => clock, minIntervalMs: 30_000 });
    n.observe({ alerts: [] });
    clock = 1;
    expect(n.observe({ alerts: [alert('a', 'warning')] })?.alertIds).toEqual(['a']);
    clock = 10_000;
    expect(n.observe({ alerts: [alert('a', 'warning'), alert('b', 'warning'), alert('c')] })).toBeNull();
    clock = 20_000;
    expect(n.observe({ alerts: [alert('a', 'warning'), alert('b', 'warning'), alert('c'), alert('d', 'warning')] })).toBeNull();
    clock = 30_000;
    expect(n.flush()).toBeNull();
    clock = 30_001;
    expect(n.flush()).toMatchObject({ title: 'Critical: Alert c', body: 'Why c — and 2 more alerts', alertIds: ['c', 'b', 'd'] });
  });

  it('drops waiting alerts that resolved, and notifies again an alert whose silence expired', () => {
    let clock = 0;
    const n = createAlertNotifier({ now: () => clock });
    n.observe({ alerts: [alert('x', 'critical', { silence })] });
    clock = 1;
    expect(n.observe({ alerts: [alert('x', 'critical', { silence: null }), alert('y')] })?.alertIds).toEqual(['x', 'y']);
    clock = 2;
    expect(n.observe({ alerts: [alert('z')] })).toBeNull();
    clock = 3;
    n.observe({ alerts: [] });
    clock = 40_000;
    expect(n.flush()).toBeNull();
  });
});

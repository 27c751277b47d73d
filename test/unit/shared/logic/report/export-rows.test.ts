import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../../../shared/logic/csv';
import { ALERT_COLUMNS, alertRows, EVENT_COLUMNS, eventRows, HISTORY_COLUMNS, isoTime } from '../../../../../shared/logic/export-rows';

const at = Date.UTC(2026, 10, 2, 14, 5, 30);

describe('the support bundle’s CSV files', () => {
  it('write events with ISO times in UTC, text with commas and quotes quoted, formulas defused', () => {
    const csv = toCsv(
      eventRows([
        { id: 7, at, kind: 'status', severity: 'critical', targetId: 'prod', subject: 'node-2', text: 'node-2: up → down, "refused"', demo: false },
        { id: 8, at: at + 1000, kind: 'admin-action', severity: 'info', targetId: 'prod', subject: null, text: '=HYPERLINK("x")', demo: true },
      ]),
      EVENT_COLUMNS,
    );
    expect(csv.split('\r\n')).toEqual([
      'at,severity,kind,targetId,subject,text,demo,id',
      '2026-11-02T14:05:30.000Z,critical,status,prod,node-2,"node-2: up → down, ""refused""",false,7',
      `2026-11-02T14:05:31.000Z,info,admin-action,prod,,"'=HYPERLINK(""x"")",true,8`,
      '',
    ]);
  });

  it('flatten an alert’s acknowledgement into columns, empty while none', () => {
    const record = {
      fingerprint: 'f1',
      targetId: 'prod',
      rule: 'node-down',
      severity: 'warning' as const,
      title: 'A node is down',
      firedAt: at,
      resolvedAt: null,
    };
    const csv = toCsv(
      alertRows([
        { ...record, ack: { by: 'alice', at: at + 60_000, note: 'on it' } },
        { ...record, fingerprint: 'f2', ack: null },
      ]),
      ALERT_COLUMNS,
    );
    const [header, acked, open] = csv.split('\r\n');
    expect(header).toBe('firedAt,resolvedAt,severity,targetId,rule,title,ackBy,ackAt,ackNote,fingerprint');
    expect(acked).toBe('2026-11-02T14:05:30.000Z,,warning,prod,node-down,A node is down,alice,2026-11-02T14:06:30.000Z,on it,f1');
    expect(open).toBe('2026-11-02T14:05:30.000Z,,warning,prod,node-down,A node is down,,,,f2');
  });

  it('write history one sample a row', () => {
    expect(toCsv([{ at: isoTime(at), targetId: 'prod', metric: 'nodes.up', value: 2 }], HISTORY_COLUMNS)).toBe(
      'at,targetId,metric,value\r\n2026-11-02T14:05:30.000Z,prod,nodes.up,2\r\n',
    );
    expect(isoTime(null)).toBe('');
  });
});

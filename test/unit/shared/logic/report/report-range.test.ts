import { describe, expect, it } from 'vitest';
import { parseReportTime, rangeFromParam, rangeStamp } from '../../../../../shared/logic/report/report-range';

const NOW = Date.UTC(2026, 10, 2, 16, 0);

describe('rangeFromParam', () => {
  it('reads relative ranges back from now and absolute ones as they are', () => {
    expect(rangeFromParam('1h', NOW)).toEqual({ from: NOW - 3_600_000, to: NOW });
    expect(rangeFromParam('15m', NOW)).toEqual({ from: NOW - 900_000, to: NOW });
    expect(rangeFromParam('7d', NOW)).toEqual({ from: NOW - 7 * 86_400_000, to: NOW });
    expect(rangeFromParam('1795269600000~1795276800000', NOW)).toEqual({ from: 1795269600000, to: 1795276800000 });
  });

  it('names no range for what it cannot read, or a range that ends before it starts', () => {
    for (const bad of [undefined, '', '0h', '1w', 'h', '1795276800000~1795269600000', '12~34']) expect(rangeFromParam(bad, NOW)).toBeNull();
  });
});

describe('parseReportTime', () => {
  it('reads now, spans back from now, ISO times and local wall-clock times', () => {
    expect(parseReportTime('now', NOW, '--to')).toBe(NOW);
    expect(parseReportTime('-2h', NOW, '--from')).toBe(NOW - 7_200_000);
    expect(parseReportTime('2026-11-02T14:00:00Z', NOW, '--from')).toBe(Date.UTC(2026, 10, 2, 14));
    expect(parseReportTime('2026-11-02 14:00', NOW, '--from')).toBe(new Date(2026, 10, 2, 14, 0).getTime());
  });

  it('says what to write when it cannot read a time', () => {
    expect(() => parseReportTime('yesterday', NOW, '--from')).toThrow(/--from "yesterday" is not a time: use "now", "-2h"/);
  });
});

describe('rangeStamp', () => {
  it('names a range in a file name: UTC, sortable, no colons', () => {
    expect(rangeStamp({ from: Date.UTC(2026, 10, 2, 14), to: Date.UTC(2026, 10, 2, 16, 30) })).toBe('20261102-1400_20261102-1630Z');
  });
});

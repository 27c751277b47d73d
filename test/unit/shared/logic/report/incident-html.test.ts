import { describe, expect, it } from 'vitest';
import { incidentReportHtml, type IncidentReportData } from '../../../../../shared/logic/report/incident-html';
import { svgChart } from '../../../../../shared/logic/report/svg-chart';

const from = Date.UTC(2026, 0, 15, 13);
const to = Date.UTC(2026, 0, 15, 14);
const data: IncidentReportData = {
  from,
  to,
  generatedAt: to,
  generatedBy: 'alice (desktop)',
  events: [
    {
      id: 1,
      at: from + 300_000,
      kind: 'status',
      severity: 'critical',
      targetId: 'prod',
      subject: null,
      text: 'Production: up → down <img src=x onerror=alert(1)>',
      demo: false,
    },
  ],
  eventsTruncated: false,
  alerts: [
    {
      fingerprint: 'f',
      targetId: 'prod',
      rule: 'down',
      severity: 'critical',
      title: 'Production is down',
      firedAt: from + 300_000,
      resolvedAt: null,
      ack: null,
    },
  ],
  audit: [],
  charts: [
    {
      targetId: 'prod',
      targetName: 'Production',
      title: 'Cluster nodes (count)',
      series: [
        {
          name: 'up',
          points: [
            [from, 3],
            [from + 300_000, 2],
            [to, 3],
          ],
        },
      ],
    },
  ],
  timeZone: 'UTC',
};

describe('incidentReportHtml', () => {
  it('is one page with no script or outside resource, every text escaped, times in the one format', () => {
    const html = incidentReportHtml(data);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|\b(src|href)="/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('2026-01-15 13:05:00 UTC');
    expect(html).toContain('still firing');
    expect(html).toContain('No admin action in this range.');
    expect(html.match(/<svg /g)).toHaveLength(1);
  });

  it('draws the target’s events as markers on its chart, titled with their text', () => {
    const svg = svgChart({
      from,
      to,
      series: data.charts[0]!.series,
      markers: [{ at: from + 300_000, severity: 'critical', text: 'down' }],
      unit: 'Nodes',
      timeZone: 'UTC',
    });
    expect(svg).toMatch(/<line x1="([\d.]+)" x2="\1"[^>]*stroke="#dc2626"[^>]*><title>down<\/title>/);
    expect(svg).toContain('<polyline');
  });

  it('labels the time axis without repeats: seconds for short ranges, the date for long ones', () => {
    const labels = (a: number, b: number): string[] =>
      [...svgChart({ from: a, to: b, series: [], markers: [], unit: 'x', timeZone: 'UTC' }).matchAll(/class="axis">([^<]+)</g)].map((m) => m[1]!).slice(3);
    expect(labels(from, from + 30_000)).toEqual(['13:00:00', '13:00:05', '13:00:10', '13:00:15', '13:00:20', '13:00:25', '13:00:30']);
    expect(labels(from, from + 6 * 86_400_000)[1]).toBe('01-16 13:00');
    expect(new Set(labels(from, to)).size).toBe(labels(from, to).length);
  });
});

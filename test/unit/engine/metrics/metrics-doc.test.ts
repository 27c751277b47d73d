import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../../../electron/engine/metrics/metric-catalog';
import { renderMetricsDoc, unexplainedLabels } from '../../../../electron/engine/metrics/metrics-doc';

describe('docs/metrics.md', () => {
  it('is what the metric catalog generates (run `node --import tsx scripts/gen-metrics-doc.ts` after changing a metric)', async () => {
    expect(readFileSync('docs/metrics.md', 'utf8')).toBe(await renderMetricsDoc());
  });

  it('explains every label the metrics use', () => {
    expect(unexplainedLabels()).toEqual([]);
  });
});

describe("the metric names follow Prometheus' conventions", () => {
  it.each(METRICS.map((m) => [m.name, m] as const))('%s', (name, def) => {
    expect(name).toMatch(/^fleetscope_[a-z0-9_]+$/);
    // `_total` is for counters only; counters always end with it.
    expect(name.endsWith('_total')).toBe(def.type === 'counter');
    // Base units only: seconds and bytes, never milliseconds, minutes or kilobytes.
    expect(name).not.toMatch(/_(ms|milliseconds|minutes|hours|kb|mb|gb|kilobytes|megabytes|percent)(_|$)/);
    if (def.type === 'histogram') expect(name).toMatch(/_seconds$/);
    for (const label of def.labels) expect(label).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(def.help.length).toBeGreaterThan(10);
  });

  it('no two metrics share a name', () => {
    expect(new Set(METRICS.map((m) => m.name)).size).toBe(METRICS.length);
  });
});

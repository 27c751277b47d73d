import type { Snapshot } from '../../../shared/model';
import type { FleetConfig } from '../config/fleet-config-schema';
import { historyTarget } from '../cache/cache-history';

/** The fleet's top-level targets by kind: what decides which series a target's charts draw. */
export interface ReportTargets {
  primaries: Array<{ id: string; name: string }>;
  farms: Array<{ id: string; name: string }>;
  storage: Array<{ id: string; name: string; volumes: string[] }>;
}

export const targetsOfSnapshot = (s: Snapshot): ReportTargets => ({
  primaries: s.primaries.map((p) => ({ id: p.id, name: p.name })),
  farms: s.mirrorFarms.map((f) => ({ id: f.id, name: f.name })),
  storage: s.storage.map((t) => ({ id: t.id, name: t.name, volumes: t.volumes.map((v) => v.name) })),
});

/** Without a running engine (the CLI): the configured targets; farms are found in the events. */
export const targetsOfConfig = (c: FleetConfig): ReportTargets => ({
  primaries: c.primaries.map((p) => ({ id: p.id, name: p.name })),
  farms: [],
  storage: c.storage.map((t) => ({ id: t.id, name: t.name, volumes: [] })),
});

/** One chart: its title with the unit, and the stored series (target, metric) it draws. */
export interface ChartSpec {
  title: string;
  series: Array<{ name: string; target: string; metric: string }>;
}

/** The charts of a target of each kind: the figures a person looks at first when it misbehaves. */
export function chartSpecs(targets: ReportTargets, targetId: string, volumes: readonly string[]): { name: string; charts: ChartSpec[] } {
  const primary = targets.primaries.find((p) => p.id === targetId);
  if (primary) {
    return {
      name: primary.name,
      charts: [
        {
          title: 'Cluster nodes (count)',
          series: [
            { name: 'up', target: targetId, metric: 'nodes.up' },
            { name: 'total', target: targetId, metric: 'nodes.total' },
          ],
        },
        { title: 'Poll duration (ms)', series: [{ name: 'poll', target: targetId, metric: 'poll.durationMs' }] },
        { title: 'SCM cache hit ratio (0–1)', series: [{ name: 'all clones and fetches', target: historyTarget(targetId), metric: 'cache.hitRatio.all' }] },
      ],
    };
  }
  const storage = targets.storage.find((t) => t.id === targetId);
  if (storage) {
    const names = [...new Set([...storage.volumes, ...volumes])];
    return {
      name: storage.name,
      charts: names.flatMap((v) => [
        {
          title: `Heal backlog of ${v} (files)`,
          series: [
            { name: 'waiting to heal', target: targetId, metric: `heal.pending:${v}` },
            { name: 'split-brain', target: targetId, metric: `heal.splitBrain:${v}` },
          ],
        },
        { title: `Bricks up of ${v} (count)`, series: [{ name: 'up', target: targetId, metric: `bricks.up:${v}` }] },
      ]),
    };
  }
  // Events name only top-level targets, so anything else is a mirror farm.
  return {
    name: targets.farms.find((f) => f.id === targetId)?.name ?? targetId,
    charts: [
      { title: 'Mirror lag (s)', series: [{ name: 'lag', target: targetId, metric: 'mirror.lagSeconds' }] },
      {
        title: 'Repositories behind (count)',
        series: [
          { name: 'lagging', target: targetId, metric: 'mirror.lagging' },
          { name: 'failing', target: targetId, metric: 'mirror.failing' },
        ],
      },
    ],
  };
}

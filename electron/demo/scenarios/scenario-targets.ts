import type { DemoFault, DemoState } from '../../../shared/model/demo';
import type { DemoScenario } from '../../../shared/model/demo-scenario';

type TargetKind = 'primary' | 'farm' | 'cluster';

const FARM_KINDS = new Set(['mirror-node-offline', 'mirror-repo-failing', 'mirror-farm-behind', 'mirror-hash-mismatch']);
const kindOfTarget = (fault: DemoFault): TargetKind => (FARM_KINDS.has(fault.kind) ? 'farm' : fault.kind.startsWith('gluster-') ? 'cluster' : 'primary');

interface Target {
  kind: TargetKind;
  id: string;
  name: string;
  /** Names a fault's `node`, `peer`, `volume` or `brick` may take on this target. */
  nodes: readonly string[];
  volumes: ReadonlyArray<{ name: string; bricks: readonly string[] }>;
}

const targetsOf = (state: DemoState): Target[] => [
  ...state.primaries.map((p) => ({ kind: 'primary' as const, id: p.id, name: p.name, nodes: p.nodes, volumes: [] })),
  ...(state.mirrors?.farms ?? []).map((f) => ({ kind: 'farm' as const, id: f.id, name: f.name, nodes: f.nodes, volumes: [] })),
  ...(state.storage?.clusters ?? []).map((c) => ({ kind: 'cluster' as const, id: c.id, name: c.name, nodes: c.peers, volumes: c.volumes })),
];

const KIND_WORDS: Record<TargetKind, string> = { primary: 'primary', farm: 'mirror', cluster: 'GlusterFS cluster' };

/**
 * The id of the target a scenario names (by id or by name, case aside) for `fault`, or why it
 * has none: a fault of a mirror farm needs a mirror, a gluster fault a cluster, the rest a primary.
 */
export function resolveTarget(state: DemoState, target: string, fault: DemoFault): { id: string } | { problem: string } {
  const kind = kindOfTarget(fault);
  const candidates = targetsOf(state).filter((t) => t.kind === kind);
  const wanted = target.toLowerCase();
  const found = candidates.find((t) => t.id === target) ?? candidates.find((t) => t.name.toLowerCase() === wanted);
  if (!found) {
    return {
      problem: `the fault "${fault.kind}" needs a ${KIND_WORDS[kind]} of the demo fleet, and "${target}" is none; its ${KIND_WORDS[kind]}s are: ${candidates.map((t) => t.name).join(', ')}`,
    };
  }
  const part = partProblem(found, fault);
  return part ? { problem: part } : { id: found.id };
}

function partProblem(target: Target, fault: DemoFault): string | null {
  const one = (what: string, value: string, known: readonly string[]): string | null =>
    known.includes(value) ? null : `${target.name} has no ${what} "${value}"; its ${what}s are: ${known.join(', ')}`;
  const volumes = target.volumes.map((v) => v.name);
  switch (fault.kind) {
    case 'node-down':
    case 'mirror-node-offline':
    case 'mirror-repo-failing':
    case 'mirror-hash-mismatch':
      return one('node', fault.node, target.nodes);
    case 'gluster-peer-disconnected':
    case 'gluster-node-down':
      return one('peer', fault.peer, target.nodes);
    case 'gluster-brick-down':
      return one('volume', fault.volume, volumes) ?? one('brick', fault.brick, target.volumes.find((v) => v.name === fault.volume)?.bricks ?? []);
    case 'gluster-heal-backlog':
    case 'gluster-split-brain':
    case 'gluster-disk-full':
    case 'gluster-inodes-low':
      return one('volume', fault.volume, volumes);
    default:
      return null;
  }
}

/** Everything in `scenario` the fleet of `state` lacks, one sentence each; empty when it can run. */
export function scenarioProblems(scenario: DemoScenario, state: DemoState): string[] {
  return scenario.steps.flatMap((step, i) =>
    step.faults.flatMap((f) => {
      const resolved = resolveTarget(state, f.target, f.fault);
      return 'problem' in resolved ? [`step ${i + 1}: ${resolved.problem}`] : [];
    }),
  );
}

import { stringify } from 'yaml';
import type { DemoFleet } from './types';

/**
 * The fleet config file's shape (DESIGN.md), limited to what the demo fills in. Kept apart from
 * DemoPrimaryEndpoint on purpose: the file format must not grow when the endpoint type does.
 */
export interface FleetConfigShape {
  pollIntervalSeconds: number;
  mirrorSweepIntervalSeconds: number;
  mirrorSweepBudgetKBps: number;
  primaries: {
    id: string;
    name: string;
    baseUrl: string;
    nodes: { name: string; baseUrl: string }[];
    read: { token: string };
    admin: { username: string; password: string };
  }[];
  /** GlusterFS sources of the simulated fleet, when it has them. */
  storage?: unknown[];
}

const DEFAULT_POLL_INTERVAL_SECONDS = 15;
const DEMO_SWEEP_BUDGET_KBPS = 65_536;

/** A fleet config that points at the running demo fleet, its throwaway credentials inline. */
export function demoFleetConfig(fleet: DemoFleet, opts: { pollIntervalSeconds?: number } = {}): FleetConfigShape {
  const pollIntervalSeconds = opts.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS;
  if (!Number.isFinite(pollIntervalSeconds) || pollIntervalSeconds <= 0) {
    throw new RangeError(`pollIntervalSeconds must be a number of seconds above 0; got ${pollIntervalSeconds}.`);
  }
  return {
    ...fleet.extraConfig(),
    pollIntervalSeconds,
    // A few hundred repositories a primary: their mirror detail is swept in every poll, so a demo
    // fault shows at the next poll (issue 17); Settings can still retune it. The fleet answers on
    // loopback, so the sweep is not paced: at the production default (512 KB/s) its ~700 KB took
    // 1.4 s of every 2 s poll and a fault could show only after two.
    mirrorSweepIntervalSeconds: 0,
    mirrorSweepBudgetKBps: DEMO_SWEEP_BUDGET_KBPS,
    primaries: fleet.primaries.map((p) => ({
      id: p.id,
      name: p.name,
      baseUrl: p.baseUrl,
      nodes: p.nodes.map((n) => ({ name: n.name, baseUrl: n.baseUrl })),
      read: { token: p.read.token },
      admin: { username: p.admin.username, password: p.admin.password },
    })),
  };
}

export function demoFleetConfigYaml(fleet: DemoFleet, opts: { pollIntervalSeconds?: number } = {}): string {
  const header = [
    '# Fleetscope fleet config for the simulated demo fleet on this machine.',
    '# The credentials below are throwaway demo credentials: they open only this demo fleet,',
    '# which answers on loopback while `fleetscope demo` runs. Never reuse them elsewhere.',
  ].join('\n');
  return `${header}\n${stringify(demoFleetConfig(fleet, opts))}`;
}

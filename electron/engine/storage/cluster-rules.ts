import type { GeoRepPair, GeoRepSession, Peer, QuorumState } from '../../../shared/model';
import type { StorageThresholds } from '../config/storage-config-schema';
import { formatSeconds } from '../../../shared/logic/units';
import { candidate, type Candidate } from './candidate';
import type { GlusterOption, GlusterGeoRepSession } from './gluster-types';
import type { VolumeLayout } from './volume-model';

/**
 * Health rules about the cluster rather than one volume (shared/reference/glusterfs.md §3: peers
 * 2–3, server quorum 8, geo-replication 16–19, version skew 22).
 */

/** Server quorum as glusterd computes it: this server plus connected peers against the ratio. */
export function serverQuorum(peers: Peer[] | null, ratio: GlusterOption | undefined): { state: QuorumState; active: number; total: number; need: number } {
  if (peers === null) return { state: 'unknown', active: 0, total: 0, need: 0 };
  const total = peers.length + 1;
  const active = 1 + peers.filter((p) => p.connected && p.stateStr === 'Peer in Cluster').length;
  const pct = ratio && !ratio.isDefault ? Number.parseFloat(ratio.value) : Number.NaN;
  const need = Number.isFinite(pct) ? Math.ceil((total * pct) / 100) : Math.floor(total / 2) + 1;
  return { state: active >= need ? 'met' : 'lost', active, total, need };
}

export function peerRules(peers: Peer[], quorumLost: boolean, stateSince: (p: Peer) => number, now: number): Candidate[] {
  const out: Candidate[] = [];
  for (const p of peers) {
    if (p.stateStr === 'Peer Rejected' || p.state === 6) {
      out.push(
        candidate({
          rule: 'peer-rejected',
          subject: p.uuid,
          severity: 'critical',
          title: `Peer ${p.hostname} is rejected from the pool`,
          explanation: `Its volume configuration disagrees with the other servers, so volume changes can fail and its bricks may not be used. Compare /var/lib/glusterd/vols on the servers and probe the peer again, before another server fails.`,
          detail: `peer status: state ${p.state ?? '?'} (${p.stateStr})`,
        }),
      );
    } else if (p.stateStr !== 'Peer in Cluster') {
      // Probe and detach states are normal for a moment; only one that lingers is a problem.
      if (now - stateSince(p) >= 5 * 60_000) {
        out.push(
          candidate({
            rule: 'peer-state',
            subject: p.uuid,
            severity: 'warning',
            title: `Peer ${p.hostname} is stuck in "${p.stateStr}"`,
            explanation: 'The peer has not finished joining or leaving the pool; volume operations may be refused until it does. Check glusterd on both sides.',
            detail: `peer status: state ${p.state ?? '?'}`,
          }),
        );
      }
    }
    if (!p.connected) {
      out.push(
        candidate({
          rule: 'peer-disconnected',
          subject: p.uuid,
          severity: quorumLost ? 'critical' : 'warning',
          title: `Peer ${p.hostname} is disconnected`,
          explanation: quorumLost
            ? `With it gone the pool has lost server quorum: glusterd stops bricks of volumes that enforce it, and Bitbucket can lose the shared home. Bring ${p.hostname}'s glusterd back first.`
            : `${p.hostname}'s glusterd does not answer: its bricks drop out of volume status and count as down, so every replica set with a brick there runs with one copy less, and if more servers go, client quorum makes files read-only and server quorum can stop bricks. Check the server, its glusterd and the network to ${p.hostname}.`,
          detail: `peer status: connected 0, ${p.stateStr}`,
        }),
      );
    }
  }
  return out;
}

export function versionRules(opVersion: number | null, maxOpVersion: number | null): Candidate[] {
  if (opVersion === null || maxOpVersion === null || opVersion >= maxOpVersion) return [];
  return [
    candidate({
      rule: 'version-skew',
      subject: 'op-version',
      severity: 'info',
      title: `Cluster op-version ${opVersion} is below what the servers support (${maxOpVersion})`,
      explanation: `Features and fixes of the installed GlusterFS stay off until the op-version is raised. Once every server and client runs the new version: gluster volume set all cluster.op-version ${maxOpVersion}.`,
      detail: `cluster.op-version ${opVersion}, cluster.max-op-version ${maxOpVersion}`,
    }),
  ];
}

const STATUS_RANK: Record<string, number> = { Active: 0, Passive: 0, 'Initializing...': 1, Created: 2, Paused: 2, Stopped: 2, Offline: 3, Faulty: 4 };

/** Geo-replication sessions for the snapshot: lag in seconds from `last_synced` (printed in UTC). */
export function geoRepModel(sessions: GlusterGeoRepSession[], now: number): GeoRepSession[] {
  return sessions.map((s) => {
    const pairs: GeoRepPair[] = s.pairs.map((p) => {
      const t = p.lastSynced ? Date.parse(`${p.lastSynced.replace(' ', 'T')}Z`) : Number.NaN;
      return { ...p, lagSeconds: Number.isFinite(t) ? Math.max(0, Math.round((now - t) / 1000)) : null };
    });
    const worst = pairs.reduce<string>((w, p) => ((STATUS_RANK[p.status] ?? 3) > (STATUS_RANK[w] ?? 3) ? p.status : w), pairs[0]?.status ?? 'unknown');
    return { primaryVolume: s.primaryVolume, secondary: s.secondary, status: worst, pairs };
  });
}

export function geoRepRules(
  sessions: GeoRepSession[],
  layouts: Map<string, VolumeLayout>,
  initializingSince: (key: string) => number,
  now: number,
  t: StorageThresholds,
): Candidate[] {
  const out: Candidate[] = [];
  for (const s of sessions) {
    const v = s.primaryVolume;
    const subject = `${v}->${s.secondary}`;
    const base = { volume: v, subject };
    const faulty = s.pairs.filter((p) => p.status === 'Faulty');
    if (faulty.length > 0) {
      out.push(
        candidate({
          ...base,
          rule: 'georep-faulty',
          severity: 'critical',
          title: `Geo-replication ${v} → ${s.secondary} is Faulty`,
          explanation: `The sync workers keep crashing, so the disaster-recovery copy of ${v} falls further behind with every change. Check the gsyncd logs on the primary servers and that the secondary volume is up.`,
          detail: `${faulty.length} of ${s.pairs.length} workers Faulty`,
        }),
      );
      continue;
    }
    const idle = s.pairs.filter((p) => ['Stopped', 'Paused', 'Created', 'Offline'].includes(p.status) || STATUS_RANK[p.status] === undefined);
    const slowStart = s.pairs.filter(
      (p) => p.status === 'Initializing...' && now - initializingSince(`${subject}:${p.primaryNode}:${p.primaryBrick}`) > t.geoRepInitializingSeconds * 1000,
    );
    if (idle.length > 0 || slowStart.length > 0) {
      const what = idle[0]?.status ?? 'Initializing...';
      out.push(
        candidate({
          ...base,
          rule: 'georep-not-running',
          severity: 'warning',
          title: `Geo-replication ${v} → ${s.secondary} is ${what === 'Initializing...' ? 'stuck initializing' : what}`,
          explanation: `The disaster-recovery copy of ${v} is not being updated. ${what === 'Created' ? 'The session was created but never started' : what === 'Paused' || what === 'Stopped' ? 'If that was not on purpose, resume it' : 'Check the workers and the secondary'}: gluster volume geo-replication ${v} ${s.secondary} ${what === 'Paused' ? 'resume' : 'start'}.`,
          detail: `${idle.length + slowStart.length} of ${s.pairs.length} workers ${what}`,
        }),
      );
    }
    const active = s.pairs.filter((p) => p.status === 'Active');
    const lagging = active.filter((p) => p.lagSeconds !== null && p.lagSeconds > t.geoRepLagWarningSeconds);
    const failures = s.pairs.reduce((n, p) => n + (p.failures ?? 0), 0);
    if (lagging.length > 0 || failures > 0) {
      const lag = Math.max(0, ...lagging.map((p) => p.lagSeconds ?? 0));
      out.push(
        candidate({
          ...base,
          rule: 'georep-lag',
          severity: 'warning',
          title:
            lagging.length > 0
              ? `Geo-replication ${v} → ${s.secondary} is ${formatSeconds(lag)} behind`
              : `Geo-replication ${v} → ${s.secondary} has ${failures} failed file(s)`,
          explanation: `The disaster-recovery copy of ${v} is out of date${lagging.length > 0 ? ` by at least ${formatSeconds(lag)}` : ', and some files failed to sync'}: a failover now would lose recent pushes. Check the secondary's load and the gsyncd logs.`,
          detail: `last synced ${lagging[0]?.lastSynced ?? 'n/a'} UTC, failures ${failures}`,
        }),
      );
    }
    const layout = layouts.get(v);
    if (layout && layout.setSize > 1 && active.length + s.pairs.filter((p) => p.status === 'Passive').length === s.pairs.length) {
      const setsWithoutActive = layout.replicaSets.filter((set) => !active.some((p) => set.bricks.some((b) => b.endsWith(`:${p.primaryBrick}`))));
      if (setsWithoutActive.length > 0) {
        out.push(
          candidate({
            ...base,
            rule: 'georep-no-active',
            severity: 'warning',
            title: `Geo-replication ${v} → ${s.secondary}: no Active worker for ${setsWithoutActive.map((x) => x.name).join(', ')}`,
            explanation: `Changes on those replica sets are not being replicated (every worker there is Passive). Restart the session so a worker takes over.`,
          }),
        );
      }
    }
  }
  return out;
}

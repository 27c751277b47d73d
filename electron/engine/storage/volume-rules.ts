import { candidate, type Candidate } from './candidate';
import { capacityRules, healRules, quotaRules, taskRules } from './content-rules';
import type { VolumeRuleInput } from './rule-input';

/**
 * Health rules about one volume (shared/reference/glusterfs.md §3, rules 4–15, 20, 21), each
 * with a severity and what it means for Bitbucket. Pure: the same input gives the same findings.
 * This file holds the brick, replica-set and daemon rules; content-rules.ts the rest.
 */
export function volumeRules(input: VolumeRuleInput): Candidate[] {
  const { info, layout } = input;
  const v = info.name;
  const out: Candidate[] = [];
  if (info.status !== 1) {
    out.push(
      candidate({
        rule: 'volume-not-started',
        subject: v,
        volume: v,
        severity: input.expected ? 'critical' : 'info',
        title: `Volume ${v} is not started (${info.statusStr})`,
        explanation: input.expected
          ? `Bitbucket cannot read or write anything on ${v}; if it is the shared home, every Bitbucket node fails. Start it: gluster volume start ${v}.`
          : `${v} exists but is not started, so nothing can use it. Ignore this unless Bitbucket should be using it (then list it in expectedVolumes).`,
        detail: `volume info: status ${info.status ?? '?'} (${info.statusStr})`,
      }),
    );
    return out;
  }
  if (input.statusRead) out.push(...brickRules(input), ...setRules(input), ...daemonRules(input));
  out.push(...healRules(input), ...capacityRules(input), ...quotaRules(input), ...taskRules(v, input.tasks));
  if (layout.quorum.server === 'lost') {
    out.push(
      candidate({
        rule: 'server-quorum-lost',
        subject: v,
        volume: v,
        severity: 'critical',
        title: `Server quorum lost for ${v}`,
        explanation: `Too few servers of the pool are connected: glusterd stops its local bricks of ${v} (log MSGID 106002), so Bitbucket can lose the volume entirely. Bring the disconnected servers back.`,
        detail: `cluster.server-quorum-type server, ratio ${layout.quorum.serverRatio ?? 'unset (more than half)'}`,
      }),
    );
  }
  return out;
}

function brickRules({ info, layout, healUnreachable }: VolumeRuleInput): Candidate[] {
  const v = info.name;
  const out: Candidate[] = [];
  for (const b of layout.bricks) {
    if (b.status === 'down' && b.downBecause) {
      // Its server is gone: `volume status` no longer lists the brick at all (reference §1).
      out.push(
        candidate({
          rule: 'brick-down',
          subject: `${v}:${b.name}`,
          volume: v,
          severity: 'warning',
          title: `${b.downBecause}, so its brick ${b.name}${b.arbiter ? ' (arbiter)' : ''} is down`,
          explanation: `The server holding this copy of ${v}'s data has left the pool (its glusterd does not answer, and its bricks dropped out of volume status), so clients count the brick as gone. Bitbucket keeps working on the other bricks of its replica set while client quorum holds; writes wait to be healed. Bring the server and its glusterd back (systemctl start glusterd), then check gluster peer status.`,
          detail: 'peer status: connected 0; the brick is listed in volume info and absent from volume status',
        }),
      );
    } else if (b.status === 'down') {
      out.push(
        candidate({
          rule: 'brick-down',
          subject: `${v}:${b.name}`,
          volume: v,
          severity: 'warning',
          title: `Brick ${b.name}${b.arbiter ? ' (arbiter)' : ''} is down`,
          explanation: `One copy of ${v}'s data is offline. Bitbucket keeps working on the other bricks of its replica set, but writes now wait to be healed, and one more failure in the same set makes files read-only or unavailable. Restart it: gluster volume start ${v} force.`,
          detail: 'volume status: online 0 (pid -1, port N/A)',
        }),
      );
    } else if (b.status === 'unknown') {
      out.push(
        candidate({
          rule: 'brick-unknown',
          subject: `${v}:${b.name}`,
          volume: v,
          severity: 'warning',
          title: `Brick ${b.name} state unknown`,
          explanation: `The brick is in volume info but missing from volume status, and peer status does not say its server is disconnected (or could not be read). It may be serving, or not; treat it as possibly down and check that server.`,
          detail: 'listed in volume info, absent from volume status',
        }),
      );
    } else if (healUnreachable.includes(b.name)) {
      out.push(
        candidate({
          rule: 'brick-unreachable',
          subject: `${v}:${b.name}`,
          volume: v,
          severity: 'warning',
          title: `Brick ${b.name} runs but cannot be reached`,
          explanation: `volume status shows the brick process online, but the heal crawl could not connect to it. Clients may not reach it either, so its replica set runs with one copy less. Check the brick's port and the network between the servers.`,
          detail: b.heal ? `heal info: ${b.heal.status}` : null,
        }),
      );
    }
  }
  return out;
}

function setRules({ info, layout }: VolumeRuleInput): Candidate[] {
  const v = info.name;
  const out: Candidate[] = [];
  const sets = layout.replicaSets;
  const allDown = sets.length > 0 && sets.every((s) => s.down === s.bricks.length);
  if (allDown) {
    out.push(
      candidate({
        rule: 'volume-down',
        subject: v,
        volume: v,
        severity: 'critical',
        title: `Volume ${v} is down: every brick is offline`,
        explanation: `Nothing on ${v} can be read or written: Bitbucket fails on every operation that touches it. Restart the bricks: gluster volume start ${v} force.`,
      }),
    );
    return out;
  }
  for (const s of sets) {
    if (s.down === s.bricks.length && s.bricks.length > 0) {
      out.push(
        candidate({
          rule: 'replica-set-down',
          subject: `${v}:${s.name}`,
          volume: v,
          severity: 'critical',
          title: `${s.name}: every brick is down`,
          explanation: `The part of ${v} stored on this ${layout.setSize > 1 ? 'replica set' : 'brick'} is gone for Bitbucket: its files appear missing or give I/O errors. Restart the bricks: gluster volume start ${v} force.`,
          detail: `${s.down} of ${s.bricks.length} bricks down`,
        }),
      );
    } else if (s.quorum === 'lost') {
      out.push(
        candidate({
          rule: 'client-quorum-lost',
          subject: `${v}:${s.name}`,
          volume: v,
          severity: 'critical',
          title: `${s.name}: client quorum lost`,
          explanation: `Files on this replica set are read-only or unavailable: Bitbucket's writes there fail with "Transport endpoint is not connected", so pushes and uploads hashed to it break and builds look hung. Bring a brick back: gluster volume start ${v} force.`,
          detail: `${s.up} of ${s.bricks.length} bricks up; rule ${s.quorumRule}`,
        }),
      );
    }
  }
  return out;
}

function daemonRules({ info, layout, disconnectedPeers }: VolumeRuleInput): Candidate[] {
  const v = info.name;
  const out: Candidate[] = [];
  const replicated = info.replicaCount > 1 || info.disperseCount > 0;
  if (replicated) {
    const shds = layout.daemons.filter((d) => d.name === 'Self-heal Daemon');
    const down = shds.filter((d) => !d.online);
    const disabled = layout.options.selfHealDaemon === false;
    const brickServers = new Set(layout.bricks.map((b) => b.peerId).filter((p): p is string => p !== null));
    const missing = [...brickServers].filter((id) => !disconnectedPeers.has(id) && !shds.some((d) => d.peerId === id));
    if (disabled || down.length > 0 || missing.length > 0) {
      out.push(
        candidate({
          rule: 'self-heal-daemon',
          subject: v,
          volume: v,
          severity: 'warning',
          title: disabled ? `Self-heal daemon disabled on ${v}` : `Self-heal daemon not running for ${v}`,
          explanation: `Files written while a brick was away are not copied back, so ${v} stays one failure away from losing recent Bitbucket data. ${
            disabled ? `Re-enable it: gluster volume set ${v} cluster.self-heal-daemon on.` : `Restart it: gluster volume start ${v} force.`
          }`,
          detail: disabled
            ? 'cluster.self-heal-daemon off'
            : down.length > 0
              ? `offline on ${down.map((d) => d.host).join(', ')}`
              : `no Self-heal Daemon in volume status for ${missing.length} server(s) with bricks`,
        }),
      );
    }
  }
  if (layout.options.quota) {
    for (const d of layout.daemons.filter((x) => x.name === 'Quota Daemon' && !x.online)) {
      out.push(
        candidate({
          rule: 'quota-daemon-down',
          subject: `${v}:${d.host}`,
          volume: v,
          severity: 'warning',
          title: `Quota daemon down on ${d.host}`,
          explanation: `Quota limits on ${v} are not enforced or reported correctly while quotad is down. Restart it: gluster volume start ${v} force.`,
        }),
      );
    }
  }
  return out;
}

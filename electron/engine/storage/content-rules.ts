import type { VolumeTask } from '../../../shared/model';
import { formatBytes, formatSeconds } from '../../../shared/logic/units';
import { candidate, type Candidate } from './candidate';
import type { VolumeRuleInput } from './rule-input';

/** Rules about what a volume holds rather than its bricks: heal state, capacity, inodes, quota, tasks (§3 rules 11–15, 20, 21). */

export function healRules({ info, heal, healStuckSeconds, thresholds, layout }: VolumeRuleInput): Candidate[] {
  const v = info.name;
  const out: Candidate[] = [];
  if (!heal.applicable || heal.at === null) return out;
  const pending = heal.pending ?? 0;
  if (pending > 0) {
    const timeout = 2 * (layout.options.healTimeoutSeconds ?? 600);
    const stuck = healStuckSeconds !== null && healStuckSeconds > timeout;
    const severity = pending >= thresholds.healBacklogCritical ? 'critical' : heal.trend === 'rising' || stuck ? 'warning' : 'info';
    const how =
      severity === 'critical' ? 'very large' : heal.trend === 'rising' ? 'rising' : stuck ? 'not draining' : heal.trend === 'falling' ? 'draining' : 'waiting';
    out.push(
      candidate({
        rule: 'heal-backlog',
        subject: v,
        volume: v,
        severity,
        title: `${pending.toLocaleString('en-US')} file(s) waiting to heal on ${v} (${how})`,
        explanation:
          severity === 'info'
            ? `Files written while a brick was away are being copied back; until the backlog reaches zero they have fewer good copies than configured.`
            : stuck && heal.trend !== 'rising'
              ? `The backlog has not fallen for ${formatSeconds(healStuckSeconds ?? 0)} (over twice cluster.heal-timeout): healing is stuck — self-heal daemon off, a brick unreachable, or files in split-brain. Until it drains, those Bitbucket files have fewer good copies.`
              : `Writes are landing faster than they heal (a brick away, or the self-heal daemon behind). Those Bitbucket files have fewer good copies than configured; one more failure in their replica set could lose them.`,
        detail: `heal info summary: ${pending} pending (max per replica set, summed over sets), trend ${heal.trend}`,
      }),
    );
  }
  if ((heal.splitBrain ?? 0) > 0) {
    const shown = heal.splitBrainEntries.slice(0, 3).map((e) => e.path);
    out.push(
      candidate({
        rule: 'split-brain',
        subject: v,
        volume: v,
        severity: 'critical',
        title: `${heal.splitBrain} file(s) in split-brain on ${v}`,
        explanation: `The copies of these files disagree and Gluster cannot choose one: Bitbucket gets I/O errors (EIO) reading them, so a repository or attachment can look corrupt. A person must pick the good copy: gluster volume heal ${v} split-brain latest-mtime|bigger-file|source-brick … <file>.`,
        detail: shown.length > 0 ? `e.g. ${shown.join(', ')}` : null,
      }),
    );
  }
  if ((heal.possiblyHealing ?? 0) > 0) {
    out.push(
      candidate({
        rule: 'possibly-healing',
        subject: v,
        volume: v,
        severity: 'info',
        title: `${heal.possiblyHealing} entr${heal.possiblyHealing === 1 ? 'y' : 'ies'} possibly healing on ${v}`,
        explanation: 'Entries are locked by a heal in progress; usually gone by the next heal check.',
      }),
    );
  }
  return out;
}

/**
 * `volume status all detail` failed (or left the volume out) while the rest answered: capacity and
 * inodes are unknown, but the bricks, quorum and heal state still decide the verdict (issue 11 item 6).
 */
export function capacityUnknown(v: string, why: string): Candidate {
  return candidate({
    rule: 'capacity-unknown',
    subject: v,
    volume: v,
    severity: 'info',
    title: `Capacity of ${v} unknown: brick disk and inode usage could not be read`,
    explanation: `The verdict follows what could be read (bricks, quorum, heals), but a brick filling up or running out of inodes cannot be seen until volume status detail answers again. Run \`gluster volume status ${v} detail\` on the server to see why it fails.`,
    detail: why,
  });
}

export function capacityRules({ info, layout, thresholds: t }: VolumeRuleInput): Candidate[] {
  const v = info.name;
  const out: Candidate[] = [];
  for (const b of layout.bricks) {
    if (b.usedPercent !== null && b.usedPercent >= t.capacityWarningPercent) {
      const critical = b.usedPercent >= t.capacityCriticalPercent;
      out.push(
        candidate({
          rule: 'brick-capacity',
          subject: `${v}:${b.name}`,
          volume: v,
          severity: critical ? 'critical' : 'warning',
          title: `Brick ${b.name} is ${b.usedPercent}% full`,
          explanation: `Gluster stops placing new files on a brick below cluster.min-free-disk (${layout.options.minFreeDiskPercent ?? 10}% free) and refuses writes below storage.reserve (${layout.options.storageReservePercent ?? 1}%): Bitbucket pushes, uploads and caches on ${v} then fail with "No space left on device". Free space or grow the brick.`,
          detail:
            b.sizeFree !== null && b.sizeTotal !== null
              ? `${formatBytes(b.sizeFree)} free of ${formatBytes(b.sizeTotal)} (statvfs free, reserved blocks included)`
              : null,
        }),
      );
    }
    if (b.inodesFreePercent !== null && b.inodesFreePercent <= t.inodesWarningFreePercent) {
      const critical = b.inodesFreePercent <= t.inodesCriticalFreePercent;
      out.push(
        candidate({
          rule: 'brick-inodes',
          subject: `${v}:${b.name}`,
          volume: v,
          severity: critical ? 'critical' : 'warning',
          title: `Brick ${b.name}: only ${b.inodesFreePercent}% of inodes free`,
          explanation: `When no inodes remain, creating any file fails with "No space left on device" although space is left — and Bitbucket stores git objects as many small files. Remove files or grow the filesystem (ext4 has a fixed inode count).`,
          detail:
            b.inodesFree !== null && b.inodesTotal !== null
              ? `${b.inodesFree.toLocaleString('en-US')} of ${b.inodesTotal.toLocaleString('en-US')} inodes free`
              : null,
        }),
      );
    }
  }
  return out;
}

export function quotaRules({ info, quota }: VolumeRuleInput): Candidate[] {
  const v = info.name;
  return (quota ?? [])
    .filter((l) => l.softExceeded || l.hardExceeded)
    .map((l) =>
      candidate({
        rule: l.hardExceeded ? 'quota-hard' : 'quota-soft',
        subject: `${v}:${l.path}`,
        volume: v,
        severity: l.hardExceeded ? 'critical' : 'warning',
        title: `${v}:${l.path} ${l.hardExceeded ? 'at its hard quota limit' : 'over its soft quota limit'}`,
        explanation: l.hardExceeded
          ? `Writes under ${l.path} fail (EDQUOT): Bitbucket operations that write there error out. Raise the limit or free space.`
          : `${l.path} is above ${l.softLimitPercent ?? 80}% of its limit; at the hard limit, writes there will fail.`,
        detail: l.used !== null && l.hardLimit !== null ? `${formatBytes(l.used)} used of ${formatBytes(l.hardLimit)}` : null,
      }),
    );
}

export function taskRules(v: string, tasks: VolumeTask[]): Candidate[] {
  const out: Candidate[] = [];
  for (const t of tasks) {
    const s = t.statusStr.toLowerCase();
    if (s.includes('failed')) {
      out.push(
        candidate({
          rule: 'task-failed',
          subject: `${v}:${t.id}`,
          volume: v,
          severity: 'warning',
          title: `${t.type} on ${v} failed`,
          explanation: `Data may sit on the wrong bricks and some files can be slow to find. Check the rebalance log and run it again.`,
          detail: `task ${t.id}: ${t.statusStr}`,
        }),
      );
    } else if (s.includes('in progress')) {
      out.push(
        candidate({
          rule: 'task-running',
          subject: `${v}:${t.id}`,
          volume: v,
          severity: 'info',
          title: `${t.type} running on ${v}`,
          explanation: 'Data is being moved between bricks: expect extra disk and network load, and slower Bitbucket operations, until it completes.',
          detail: `task ${t.id}: ${t.statusStr}`,
        }),
      );
    }
  }
  return out;
}
